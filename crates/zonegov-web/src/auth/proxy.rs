//! The client's address behind the zone's reverse proxies. `X-Forwarded-For` is
//! believed only when the connection comes from a configured trusted proxy, and then
//! only up to the right-most address that is not itself a trusted proxy: anything to
//! its left was written by the client and may be forged.

use axum::http::HeaderMap;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

/// An address or a network (`10.0.0.1`, `10.0.0.0/8`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not an IP address or network such as 10.0.0.1 or 10.0.0.0/8 / {0:?} 不是 IP 地址或网段(如 10.0.0.1、10.0.0.0/8)"
)]
pub struct CidrError(pub String);

impl FromStr for Cidr {
    type Err = CidrError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || CidrError(s.to_owned());
        let t = s.trim();
        let (addr, prefix) = match t.split_once('/') {
            None => (t, None),
            Some((a, p)) => (a, Some(p)),
        };
        let addr = IpAddr::from_str(addr).map_err(|_| bad())?.to_canonical();
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(bad)?
            }
            Some(_) => return Err(bad()),
        };
        Ok(Self { addr, prefix })
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// One `X-Forwarded-For` element: an address, possibly with a port (`1.2.3.4:80`,
/// `[::1]:80`).
fn parse_hop(s: &str) -> Option<IpAddr> {
    let s = s.trim();
    IpAddr::from_str(s)
        .ok()
        .or_else(|| SocketAddr::from_str(s).ok().map(|a| a.ip()))
        .map(|ip| ip.to_canonical())
}

/// The address a request comes from: the peer, or, when the peer is a trusted
/// proxy, the right-most address of the `X-Forwarded-For` chain that is not a
/// trusted proxy (the left-most one when all are trusted). A malformed element
/// stops the walk at the trusted hop that passed it on.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    let mut client = peer.to_canonical();
    if !is_trusted(client) {
        return client;
    }
    let chain: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in chain.iter().rev() {
        let Some(ip) = parse_hop(hop) else {
            return client;
        };
        client = ip;
        if !is_trusted(ip) {
            return ip;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn networks_parse_and_match() {
        let net: Cidr = "10.0.0.0/8".parse().unwrap();
        assert!(net.contains(ip("10.255.0.1")) && !net.contains(ip("11.0.0.1")));
        let one: Cidr = " 192.168.1.5 ".parse().unwrap();
        assert!(one.contains(ip("192.168.1.5")) && !one.contains(ip("192.168.1.6")));
        assert!(one.contains(ip("::ffff:192.168.1.5")), "v4-mapped v6");
        let v6: Cidr = "fd00::/8".parse().unwrap();
        assert!(v6.contains(ip("fd12::1")) && !v6.contains(ip("fe80::1")));
        let all: Cidr = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("8.8.8.8")));
        for bad in [
            "",
            "10.0.0.0/33",
            "10.0.0/8",
            "abc",
            "10.0.0.0/",
            "10.0.0.0/-1",
        ] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_right_most_untrusted_address_is_the_client() {
        let trusted: Vec<Cidr> = vec!["10.0.0.0/8".parse().unwrap()];
        let proxy = ip("10.0.0.2");
        // From a trusted proxy: the header is believed, up to the first untrusted hop.
        assert_eq!(
            client_ip(proxy, &xff(&["203.0.113.7"]), &trusted),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_ip(proxy, &xff(&["1.1.1.1, 203.0.113.7, 10.0.0.9"]), &trusted),
            ip("203.0.113.7"),
            "the forged 1.1.1.1 on the left is ignored"
        );
        assert_eq!(
            client_ip(proxy, &xff(&["1.1.1.1", "203.0.113.7:5555"]), &trusted),
            ip("203.0.113.7"),
            "several headers form one chain; ports are dropped"
        );
        assert_eq!(
            client_ip(proxy, &xff(&["10.0.0.8, 10.0.0.9"]), &trusted),
            ip("10.0.0.8")
        );
        assert_eq!(
            client_ip(proxy, &xff(&["203.0.113.7, garbage"]), &trusted),
            proxy
        );
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &trusted), proxy);
        // From anyone else the header is ignored.
        assert_eq!(
            client_ip(ip("198.51.100.1"), &xff(&["203.0.113.7"]), &trusted),
            ip("198.51.100.1")
        );
        assert_eq!(
            client_ip(ip("10.0.0.2"), &xff(&["203.0.113.7"]), &[]),
            ip("10.0.0.2"),
            "no trusted proxy configured"
        );
    }
}
