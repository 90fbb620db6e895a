//! Carrying out reforms on the web (issue 9): the wizard (`/reforms/new`: upload a
//! plan, preview, apply), the quick forms for one-operation changes
//! (`/reforms/quick`), and the work queue of flagged records (`/reforms/queue`).
//! The preview and apply are the app's (`zonegov_app::reform`), as the CLI's are;
//! every route needs `org:reform:preview`, and the apply checks each operation
//! family's own permission and audits.

mod page;
mod queue;
mod quick;
mod view;
mod wizard;

use crate::routes::{RouteDef, get, post};
use zonegov_domain::auth::permission::REFORM_PREVIEW;

pub fn routes() -> Vec<RouteDef> {
    vec![
        get("/reforms/new", REFORM_PREVIEW, wizard::form),
        post("/reforms/new", REFORM_PREVIEW, wizard::upload),
        post("/reforms/apply", REFORM_PREVIEW, wizard::apply),
        get("/reforms/quick", REFORM_PREVIEW, quick::form),
        post("/reforms/quick", REFORM_PREVIEW, quick::submit),
        get("/reforms/queue", REFORM_PREVIEW, queue::list),
    ]
}
