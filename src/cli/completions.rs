//! `tierscore completions SHELL` and `tierscore man`: shell completion scripts
//! (clap_complete) and a roff man page (clap_mangen), both on stdout.

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Exit, Failure, Io};
use crate::output::{self, WriteError};

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    shell: Shell,
}

/// Runs `completions`.
pub fn completions(args: CompletionsArgs, io: &mut Io) -> Result<Exit, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "tierscore", &mut script);
    output::emit(None, &[], &script, io.out)?;
    Ok(Exit::Success)
}

/// Runs `man`.
pub fn man(io: &mut Io) -> Result<Exit, Failure> {
    let page = manual(Cli::command()).map_err(|e| WriteError::Io("<man page>".into(), e))?;
    output::emit(None, &[], &page, io.out)?;
    Ok(Exit::Success)
}

/// The whole manual as one roff page: the program's name, synopsis and global options, a list of
/// the commands, then a section per command with its synopsis, description and the long help of
/// every option, then the exit status. clap_mangen renders each part; one page keeps `man
/// tierscore` complete without installing a page per command.
fn manual(mut cmd: clap::Command) -> std::io::Result<Vec<u8>> {
    cmd.build();
    let top = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    top.render_title(&mut page)?;
    top.render_name_section(&mut page)?;
    top.render_synopsis_section(&mut page)?;
    top.render_description_section(&mut page)?;
    top.render_options_section(&mut page)?;
    let commands: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .collect();
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in &commands {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let entry = format!(
            ".TP\n\\fBtierscore {}\\fR\n{}\n",
            sub.get_name(),
            roff_text(&about)
        );
        page.extend_from_slice(entry.as_bytes());
    }
    let top_after = cmd.get_after_help().map(|a| a.to_string());
    for sub in commands {
        let title = format!(".SH \"TIERSCORE {}\"\n", sub.get_name().to_uppercase());
        page.extend_from_slice(title.as_bytes());
        let man = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        if sub.get_after_help().map(|a| a.to_string()) != top_after {
            man.render_extra_section(&mut part)?;
        }
        page.extend(demote(&part));
    }
    let mut exit = Vec::new();
    top.render_extra_section(&mut exit)?;
    page.extend(
        String::from_utf8_lossy(&exit)
            .replace(".SH EXTRA", ".SH \"EXIT STATUS\"")
            .bytes(),
    );
    top.render_version_section(&mut page)?;
    Ok(page)
}

/// Turns a command's sections (`.SH NAME`) into subsections (`.SS Name`) of its own section.
fn demote(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match line.strip_prefix(".SH ") {
            Some("EXTRA") => out.push_str(".SS \"Exit status\""),
            Some(heading) => {
                out.push_str(".SS ");
                let mut chars = heading.chars();
                if let Some(first) = chars.next() {
                    out.push(first);
                    out.push_str(&chars.as_str().to_lowercase());
                }
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// Escapes text for a roff line: backslashes, hyphens (so they print as ASCII minus) and a
/// leading `.` or `'` that roff would read as a request.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
