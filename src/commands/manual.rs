//! `trustwork completions SHELL` and `trustwork man`: generated from the
//! command line's own definition, so they never fall out of date.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};
use clap_complete::Shell;
use clap_mangen::Man;

/// Prints the completion script for `shell`. `command` is the whole
/// command line (`Cli::command()`).
pub fn completions(shell: Shell, mut command: clap::Command, out: &mut dyn Write) -> Result<()> {
    let name = command.get_name().to_string();
    // Generated into memory first: clap_complete panics when a write
    // fails, and `trustwork completions bash | head` must end quietly.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    let script = String::from_utf8_lossy(&script);
    out.write_all(with_names(shell, &script).as_bytes())?;
    Ok(())
}

/// The options whose values are names in the data folder, which a static
/// script cannot know: `(option as the script spells it, which names)`.
const NAMED: [(&str, &str); 3] = [
    ("--workbook", "workbooks"),
    ("-w", "workbooks"),
    ("--as", "people"),
];

/// `script` with `--workbook`, `-w` and `--as` completing the names in
/// the data folder (from `trustwork names`, hidden, asked when Tab is
/// pressed) instead of file names. clap_complete's static scripts have no
/// hook for values known only at run time, so its file-name completion
/// for these options is replaced where each shell writes it; a shell
/// whose script this does not know is left as generated.
fn with_names(shell: Shell, script: &str) -> String {
    let mut lines: Vec<String> = script.lines().map(str::to_string).collect();
    for i in 0..lines.len() {
        let line = lines[i].trim().to_string();
        for (option, which) in NAMED {
            let ask = format!("trustwork names {which} 2>/dev/null");
            match shell {
                Shell::Bash if line == format!("{option})") => {
                    if let Some(next) = lines.get_mut(i + 1)
                        && next.trim() == "COMPREPLY=($(compgen -f \"${cur}\"))"
                    {
                        let indent = &next[..next.len() - next.trim_start().len()];
                        *next = format!(
                            "{indent}local IFS=$'\\n'; COMPREPLY=($(compgen -W \"$({ask})\" -- \"${{cur}}\"))"
                        );
                    }
                }
                Shell::Fish
                    if line.ends_with(" -r") && fish_option(&line).as_deref() == Some(option) =>
                {
                    lines[i] = format!("{} -f -a \"({ask})\"", lines[i]);
                }
                Shell::Zsh
                    if line.starts_with(&format!("'{option}=["))
                        || line.starts_with(&format!("'{option}+[")) =>
                {
                    lines[i] = lines[i].replace(
                        ":NAME:_default'",
                        &format!(":NAME:{{local -a names; names=(${{(f)\"$({ask})\"}}); compadd -a names}}'"),
                    );
                }
                _ => {}
            }
        }
    }
    let mut joined = lines.join("\n");
    joined.push('\n');
    joined
}

/// The option a fish `complete` line is for: `-l as` gives `--as`, `-s w`
/// gives `-w`.
fn fish_option(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.windows(2).find_map(|pair| match pair {
        ["-l", long] => Some(format!("--{long}")),
        ["-s", short] if !words.contains(&"-l") => Some(format!("-{short}")),
        _ => None,
    })
}

/// The manual. Without `dir`, one page on `out` that holds every command,
/// so it names no other page; with `dir`, `trustwork.1` and one page per
/// command (`trustwork-journal-add.1`, …) written there, each naming only
/// pages that are written with it.
pub fn man(command: clap::Command, dir: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let mut command = command.disable_help_subcommand(true);
    // Building gives every subcommand its display name (trustwork-journal),
    // which the pages and their file names are called by.
    command.build();
    match dir {
        None => one_page(&command, out),
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
            let mut written = 0;
            page_per_command(&command, None, dir, &mut written)?;
            writeln!(out, "Wrote {written} manual pages to {}.", dir.display())?;
            Ok(())
        }
    }
}

/// The top page without its list of sub-pages, then a section per command
/// (and subcommand), each with its synopsis, options and examples.
fn one_page(command: &clap::Command, out: &mut dyn Write) -> Result<()> {
    let top = Man::new(command.clone());
    top.render_title(out)?;
    top.render_name_section(out)?;
    top.render_synopsis_section(out)?;
    top.render_description_section(out)?;
    top.render_options_section(out)?;
    top.render_extra_section(out)?;
    for sub in visible(command) {
        command_section(sub, out)?;
    }
    top.render_version_section(out)?;
    Ok(())
}

/// One command as a section of the one page: its own sections become
/// subsections under a heading that names it as it is typed.
fn command_section(command: &clap::Command, out: &mut dyn Write) -> Result<()> {
    let man = Man::new(without_global_options(command));
    let mut roff = Vec::new();
    man.render_synopsis_section(&mut roff)?;
    man.render_description_section(&mut roff)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut roff)?;
    }
    man.render_extra_section(&mut roff)?;
    let roff = String::from_utf8_lossy(&roff).replace("\n.SH ", "\n.SS ");
    let roff = roff
        .strip_prefix(".SH ")
        .map_or(roff.clone(), |rest| format!(".SS {rest}"));
    let typed = display_name(command).replace('-', " ");
    writeln!(out, ".SH \"{}\"", typed.to_uppercase())?;
    out.write_all(roff.as_bytes())?;
    for sub in visible(command) {
        command_section(sub, out)?;
    }
    Ok(())
}

/// `command` without the options every command takes (--data-dir, -w, …),
/// which the one page lists once, at the top.
fn without_global_options(command: &clap::Command) -> clap::Command {
    let global: Vec<clap::Id> = command
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().clone())
        .collect();
    global.into_iter().fold(command.clone(), |own, id| {
        own.mut_arg(id, |arg| arg.hide(true))
    })
}

/// Writes `command`'s page and its subcommands' into `dir`. Each page
/// ends in SEE ALSO naming the page above it.
fn page_per_command(
    command: &clap::Command,
    parent: Option<&str>,
    dir: &Path,
    written: &mut usize,
) -> Result<()> {
    let man = Man::new(command.clone());
    let path = dir.join(man.get_filename());
    let mut page = Vec::new();
    man.render(&mut page)?;
    if let Some(parent) = parent {
        writeln!(page, ".SH \"SEE ALSO\"")?;
        writeln!(page, "{}(1)", parent.replace('-', "\\-"))?;
    }
    std::fs::write(&path, page).with_context(|| format!("could not write {}", path.display()))?;
    *written += 1;
    for sub in visible(command) {
        page_per_command(sub, Some(display_name(command)), dir, written)?;
    }
    Ok(())
}

fn visible(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command.get_subcommands().filter(|s| !s.is_hide_set())
}

fn display_name(command: &clap::Command) -> &str {
    command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
}
