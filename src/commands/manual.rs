//! `trustwork completions SHELL` and `trustwork man`: generated from the
//! command line's own definition, so they never fall out of date.

use std::io::Write;

use anyhow::Result;
use clap_complete::Shell;

/// Prints the completion script for `shell`. `command` is the whole
/// command line (`Cli::command()`).
pub fn completions(shell: Shell, mut command: clap::Command, out: &mut dyn Write) -> Result<()> {
    let name = command.get_name().to_string();
    // Generated into memory first: clap_complete panics when a write
    // fails, and `trustwork completions bash | head` must end quietly.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Prints the manual page, in roff.
pub fn man(command: clap::Command, out: &mut dyn Write) -> Result<()> {
    clap_mangen::Man::new(command).render(out)?;
    Ok(())
}
