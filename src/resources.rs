//! Where the files that ship beside the binary (fonts, templates) are looked for.

use std::path::PathBuf;

/// `<exe dir>/<name>` and `<exe dir>/../<name>` and `<exe dir>/../share/gongwen/<name>`, for
/// an unpacked release or an installed binary.
pub fn beside_executable(name: &str) -> Vec<PathBuf> {
    let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.to_owned()))
    else {
        return Vec::new();
    };
    let mut dirs = vec![dir.join(name)];
    if let Some(up) = dir.parent() {
        dirs.push(up.join(name));
        dirs.push(up.join("share").join("gongwen").join(name));
    }
    dirs
}
