//! The end of every subcommand's `--help`: what it says after the options,
//! ending in two or three examples that work as written (a test parses
//! each `trustwork …` line of them with the real command line).

pub const TOP: &str = "Examples:
  trustwork
  trustwork journal add \"We talked tonight, calmly.\"
  trustwork status --json";

pub const NEW: &str = "Examples:
  trustwork new --name Sam --role hurt
  trustwork new --name Alex --relationship friend --role caused --encrypt
  trustwork new --name \"Us two\" --role hurt --me Alex --partner Sam";

pub const STATUS: &str = "Examples:
  trustwork status
  trustwork status --json -w Sam
  trustwork status --as Alex";

pub const PATH: &str = "Examples:
  trustwork path
  trustwork path --config";

pub const RESTORE: &str = "Examples:
  trustwork restore --list
  trustwork restore -w Sam
  trustwork restore --backup ./sam.json.bak --force";

pub const JOURNAL: &str = "Examples:
  trustwork journal add \"We talked tonight, calmly.\"
  trustwork journal list -n 10
  trustwork journal search \"kept a promise\"";

pub const JOURNAL_ADD: &str = "Examples:
  trustwork journal add --mood hopeful \"We walked and talked. @walk\"
  trustwork journal add --date \"yesterday 9pm\" --stage 2 --edit
  echo \"A quiet day.\" | trustwork journal add --title Sunday";

/// The JSON fields are kept in step with `JsonItem` in
/// `commands/journal/list.rs` (a test checks every field is named here).
pub const JOURNAL_LIST: &str = "Filters combine: an item is listed when it passes every one.

JSON fields (one object per item, newest first):
  id          an entry's id (for journal show, edit and rm); absent for a reflection
  answer      a reflection's answer id (stage/step/prompt); absent for an entry
  kind        \"entry\" or \"reflection\"
  created_at  when it was written (RFC 3339, with its offset)
  edited_at   when it was last changed
  author      who wrote it, by name
  stage       the stage id, or null
  step        a reflection's step title, or null
  mood        calm, hopeful, sad, angry, anxious, numb, or null
  title       the title (may be empty)
  body        the whole text

Examples:
  trustwork journal list -n 5
  trustwork journal list --from \"last monday\" --to yesterday --mood sad
  trustwork journal list --stage 2 --format md > communicate.md";

pub const JOURNAL_SEARCH: &str = "Every word must be found; \"a phrase\" in quotes is found as written; -word leaves out what holds it. The same search as the app's (/).

Exit status: 0 when something matches, 1 when nothing does (as with grep), 2 for a usage error.

Examples:
  trustwork journal search promise
  trustwork journal search 'river walk'
  trustwork journal search '\"by the river\" -late' --json";

pub const JOURNAL_SHOW: &str = "Examples:
  trustwork journal show 0193f1c2-7d1e-7a55-9f0e-2b6d3c4e5f60
  trustwork journal show 0193f1c2-7d1e-7a55-9f0e-2b6d3c4e5f60 --as Alex";

pub const JOURNAL_EDIT: &str = "The editor is the config file's editor setting, else $VISUAL, else $EDITOR. \
A short first line and then a blank line make the title. Saving it empty or unchanged changes nothing.

Examples:
  trustwork journal edit 0193f1c2-7d1e-7a55-9f0e-2b6d3c4e5f60
  EDITOR=nano trustwork journal edit 0193f1c2-7d1e-7a55-9f0e-2b6d3c4e5f60";

pub const JOURNAL_RM: &str = "Examples:
  trustwork journal rm 0193f1c2-7d1e-7a55-9f0e-2b6d3c4e5f60
  trustwork journal rm 0193f1c2-7d1e-7a55-9f0e-2b6d3c4e5f60 --as Alex";

pub const CHECKIN: &str = "Examples:
  trustwork checkin --trust 4 --safety 6 --communication 5 --commitment 7
  trustwork checkin --trust 6 --safety 7 --communication 6 --commitment 8 --note \"Calmer\"";

pub const EXPORT: &str = "Without --output the export is printed. \
With --since or --stage a JSON export holds only part of the journal and check-ins. \
With --for-counsellor nothing private is included unless you add it with --include or --entry.

Examples:
  trustwork export --format md -o workbook.md
  trustwork export --format jrnl > journal.txt
  trustwork export --for-counsellor --include stages,checkins -o for-counsellor.md";

pub const IMPORT: &str = "Only what is missing is added; nothing here is replaced. \
The plan is shown first. Without --yes, you are asked (or, when no one can be asked, nothing is written and the exit code is 2).

Examples:
  trustwork import backup.json
  jrnl --format json | trustwork import - --from jrnl --yes
  trustwork import entries.json --from tui-journal --dry-run";

pub const ENCRYPT: &str = "Examples:
  trustwork encrypt -w Sam
  TRUSTWORK_PASSPHRASE_FILE=./passphrase.txt trustwork encrypt";

pub const DECRYPT: &str = "Examples:
  trustwork decrypt
  trustwork decrypt -w Sam";

pub const CONFIG: &str = "Examples:
  trustwork config
  trustwork config --default > config.toml";

pub const COMPLETIONS: &str = "Examples:
  trustwork completions bash > ~/.local/share/bash-completion/completions/trustwork
  trustwork completions zsh > ~/.zfunc/_trustwork
  trustwork completions fish > ~/.config/fish/completions/trustwork.fish";

pub const MAN: &str = "Examples:
  trustwork man | man -l -
  trustwork man --dir ~/.local/share/man/man1";

pub const DOCTOR: &str = "Exit status: 0 when all is well, 1 when something needs attention.

Examples:
  trustwork doctor
  trustwork doctor --data-dir /media/usb/trustwork";
