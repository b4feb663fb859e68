//! The three lists that must name the same commands: the handlers registered in
//! `main.rs`, the permissions declared in `build.rs`, and the grants in
//! `capabilities/default.json`. A command missing from one of them would only fail
//! when a coordinator clicks the button that calls it.

use std::collections::BTreeSet;

const MAIN: &str = include_str!("../src/main.rs");
const BUILD: &str = include_str!("../build.rs");
const CAPABILITY: &str = include_str!("../capabilities/default.json");

/// `module::command` entries inside `generate_handler![ ... ]`.
fn registered() -> BTreeSet<String> {
    let start = MAIN
        .find("generate_handler![")
        .map(|i| i + "generate_handler![".len());
    let body = start
        .and_then(|s| MAIN[s..].find(']').map(|e| &MAIN[s..s + e]))
        .unwrap_or("");
    body.split(',')
        .filter_map(|item| item.trim().rsplit("::").next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Quoted names in `const COMMANDS: &[&str] = &[ ... ];`.
fn declared() -> BTreeSet<String> {
    let start = BUILD.find("const COMMANDS").unwrap_or(0);
    let body = &BUILD[start..BUILD[start..].find("];").map_or(BUILD.len(), |e| start + e)];
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// `allow-<command>` grants, turned back into command names.
fn granted() -> BTreeSet<String> {
    let capability: serde_json::Value = serde_json::from_str(CAPABILITY).unwrap_or_default();
    capability["permissions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

#[test]
fn every_registered_command_is_declared_and_granted_and_nothing_else() {
    let registered = registered();
    assert!(
        registered.len() >= 10,
        "parsed the handler list: {registered:?}"
    );
    assert_eq!(
        registered,
        declared(),
        "main.rs handlers vs build.rs COMMANDS"
    );
    assert_eq!(
        registered,
        granted(),
        "main.rs handlers vs capabilities/default.json"
    );
}

#[test]
fn the_main_window_gets_no_plugin_that_reaches_files_shell_or_network() {
    for forbidden in ["fs:", "shell:", "http:", "process:", "opener:"] {
        assert!(
            !CAPABILITY.contains(forbidden),
            "capability grants {forbidden}"
        );
    }
}

#[test]
fn the_content_security_policy_stays_strict() {
    let config: serde_json::Value =
        serde_json::from_str(include_str!("../tauri.conf.json")).unwrap_or_default();
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'", "no inline or remote script");
    // Whole source tokens: `http://ipc.localhost` (Tauri's IPC) is fine, a bare
    // `http:` scheme or a wildcard would let content load from anywhere.
    let directives = csp.as_object().into_iter().flatten();
    for (directive, sources) in directives {
        for token in sources.as_str().unwrap_or_default().split_whitespace() {
            assert!(
                !["*", "http:", "https:", "'unsafe-inline'", "'unsafe-eval'"].contains(&token),
                "CSP {directive} allows {token}"
            );
        }
    }
    assert!(
        config["build"].get("devUrl").is_none(),
        "the app loads only its bundled UI"
    );
}
