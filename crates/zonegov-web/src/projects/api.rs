//! `/api/v1/{projects,chain-nodes,platforms,talents,quota-pools,quota-loans}`: the
//! generic record API of the six kinds (as of a date, scoped, paged by code). A
//! talent's full name and a confidential project's real name leave masked
//! (`Record::masked`); the pages that may show them audit each unmasked view.

pub mod projects {
    crate::records::api::record_api!(
        zonegov_domain::project::Project,
        list = "/api/v1/projects",
        "list_projects",
        detail = "/api/v1/projects/{code}",
        "projects_detail",
        "investment projects"
    );
}

pub mod chain_nodes {
    crate::records::api::record_api!(
        zonegov_domain::project::ChainNode,
        list = "/api/v1/chain-nodes",
        "list_chain_nodes",
        detail = "/api/v1/chain-nodes/{code}",
        "chain_nodes_detail",
        "industry chain nodes"
    );
}

pub mod platforms {
    crate::records::api::record_api!(
        zonegov_domain::talent::Platform,
        list = "/api/v1/platforms",
        "list_platforms",
        detail = "/api/v1/platforms/{code}",
        "platforms_detail",
        "talent platforms"
    );
}

pub mod talents {
    crate::records::api::record_api!(
        zonegov_domain::talent::Talent,
        list = "/api/v1/talents",
        "list_talents",
        detail = "/api/v1/talents/{code}",
        "talents_detail",
        "talents (names masked)"
    );
}

pub mod quota_pools {
    crate::records::api::record_api!(
        zonegov_domain::quota::QuotaPool,
        list = "/api/v1/quota-pools",
        "list_quota_pools",
        detail = "/api/v1/quota-pools/{code}",
        "quota_pools_detail",
        "revolving quota pools"
    );
}

pub mod quota_loans {
    crate::records::api::record_api!(
        zonegov_domain::quota::QuotaLoan,
        list = "/api/v1/quota-loans",
        "list_quota_loans",
        detail = "/api/v1/quota-loans/{code}",
        "quota_loans_detail",
        "revolving quota loans"
    );
}
