//! The real terminal: set it up, run the event loop, and put it back the
//! way it was on every exit path (quit, error and panic).

use std::io::stdout;
use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

use crate::action::Action;
use crate::app::{Exit, Runtime, Wait};
use crate::ui::{MIN_HEIGHT, MIN_WIDTH};

/// How often an idle app looks whether SIGTERM or SIGHUP came.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

/// How often an animation redraws: smooth enough for a breathing bar.
const TICK: Duration = Duration::from_millis(100);

pub fn run(runtime: &mut Runtime<'_>) -> Result<()> {
    // The journal's index is read on the other core while the terminal is
    // set up and the first frame drawn on this one (a store that cannot
    // read it on another thread reads it after that frame).
    runtime.guarded(|rt| {
        rt.begin_journal_read();
    })?;
    // ratatui::try_init installs a panic hook that restores the terminal
    // before the panic message is printed; ours runs first and turns
    // bracketed paste and the mouse off again.
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            // Raw mode may already be on when a later setup step fails.
            ratatui::restore();
            return Err(error.into());
        }
    };
    let restore_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave_modes();
        restore_hook(info);
    }));
    let mouse = runtime.mouse();
    enter_modes(mouse);
    if runtime.app.discreet {
        // A window or tab title that says nothing about what is open.
        let _ = execute!(stdout(), ratatui::crossterm::terminal::SetTitle("Terminal"));
    }
    runtime.editor = Box::new(move |text| run_external_editor(text, mouse));
    runtime.search_behind = true;
    runtime.slow_after_frame = true;
    runtime.journal_later = true;

    // Closing the window (SIGHUP) or `kill` (SIGTERM) end the app the way
    // Ctrl+Q does: what is typed is kept, and the terminal is restored.
    let ended = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    #[cfg(unix)]
    watch_signals(std::sync::Arc::clone(&ended));
    let result = event_loop(&mut terminal, runtime, &ended);
    if runtime.exit == Some(Exit::QuickExit) {
        // Leave nothing of the workbook on screen, even for terminals
        // without an alternate screen. Not `terminal.clear()`: it asks the
        // terminal where the cursor is and waits for the answer, which a
        // closed window (SIGHUP) never sends, so the restore below would
        // never come.
        let _ = execute!(stdout(), Clear(ClearType::All));
    }
    leave_modes();
    ratatui::restore();
    if runtime.exit == Some(Exit::QuickExit) {
        let _ = execute!(stdout(), Clear(ClearType::All), Clear(ClearType::Purge));
    }
    result
}

/// Hands the terminal to the user's editor and takes it back afterwards,
/// whatever the editor did.
fn run_external_editor(text: &str, mouse: bool) -> std::result::Result<String, String> {
    let command = crate::external_editor::configured().ok_or(
        "No editor is set. Set editor in config.toml (see `trustwork config --default`), or $VISUAL or $EDITOR (for example EDITOR=nano), or press e to edit here.",
    )?;
    leave_modes();
    ratatui::restore();
    let result = crate::external_editor::edit(&command, text);
    let _ = enable_raw_mode();
    let _ = execute!(stdout(), EnterAlternateScreen);
    enter_modes(mouse);
    result
}

/// The modes trustwork adds to ratatui's (raw mode, alternate screen).
/// Pasted text arrives as one event, never as key presses (a pasted "q"
/// must not quit), and long pastes cannot stall the input. The mouse is
/// captured only when it is on: capturing takes the terminal's own text
/// selection away.
fn enter_modes(mouse: bool) {
    let _ = execute!(stdout(), EnableBracketedPaste);
    if mouse {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
}

/// Undoes [`enter_modes`] on every way out (quit, error, panic, handing
/// the terminal to an editor). Turning the mouse off when it was never on
/// is harmless, so the panic hook need not know.
fn leave_modes() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
}

/// How often to look for what a search behind the list found.
/// Short: the whole result is on screen within a millisecond of being
/// found, and a search takes a few frames at most.
const SEARCH_WAIT: Duration = Duration::from_millis(1);

/// How often to look whether the journal read on another thread is in.
const JOURNAL_WAIT: std::time::Duration = std::time::Duration::from_millis(15);

fn event_loop(
    terminal: &mut DefaultTerminal,
    runtime: &mut Runtime<'_>,
    ended: &std::sync::atomic::AtomicBool,
) -> Result<()> {
    let mut first = true;
    // A key went ahead on the journal index: once its frame is drawn, the
    // journal may be parsed (see `Runtime::release_journal`).
    let mut release_after_frame = false;
    while runtime.exit.is_none() {
        if ended.load(std::sync::atomic::Ordering::Relaxed) {
            runtime.guarded(|rt| rt.dispatch(Action::QuickExit))?;
            break;
        }
        if std::mem::take(&mut runtime.redraw_all) {
            // The editor drew over the screen: start from a clean slate.
            terminal.clear()?;
        }
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            terminal
                .draw(|frame| crate::app::draw(&runtime.app, frame))
                .map(|_| ())
        }));
        match drawn {
            Ok(result) => {
                result?;
            }
            Err(_) => return Err(runtime.keep_open_text().into()),
        }
        if std::mem::take(&mut release_after_frame) {
            runtime.release_journal();
        }
        // Work that takes long goes after the frame that says so.
        let mut ran = false;
        runtime.guarded(|rt| ran = rt.run_after_frame())?;
        if ran {
            continue;
        }
        if std::mem::take(&mut first) {
            // The first screen is up: the journal is on its way already,
            // or now read here (then drawn again).
            runtime.guarded(|rt| rt.begin_journal_load())?;
            if !runtime.journal_pending() {
                continue;
            }
        }
        if runtime.journal_pending() {
            // No key is handled before the journal is in; until then,
            // look for it every few milliseconds.
            if event::poll(JOURNAL_WAIT)? {
                let event = event::read()?;
                // Going to the list and moving in it need only the index
                // (read first, in a fraction of the journal's time); every
                // other key waits for the journal.
                runtime.guarded(|rt| {
                    rt.journal_arrived(Wait::ForFirstWord);
                })?;
                let ahead = match &event {
                    Event::Key(key) => runtime.may_go_ahead(*key),
                    _ => false,
                };
                if ahead {
                    release_after_frame = true;
                } else {
                    runtime.guarded(|rt| {
                        rt.journal_arrived(Wait::ForJournal);
                    })?;
                }
                handle(terminal, runtime, event)?;
            } else {
                runtime.guarded(|rt| {
                    rt.journal_arrived(Wait::No);
                })?;
            }
            runtime.guarded(|rt| {
                rt.search_arrived();
            })?;
            continue;
        }
        if runtime.search_pending() {
            // A search runs behind the list: keys go on being answered,
            // and what it finds is shown as it comes.
            if event::poll(SEARCH_WAIT)? {
                handle(terminal, runtime, event::read()?)?;
            }
            runtime.guarded(|rt| {
                rt.search_arrived();
            })?;
            continue;
        }
        // While something animates, wake up for ticks; otherwise sleep until
        // the next event.
        if runtime.app.animating() {
            let started = Instant::now();
            if event::poll(TICK)? {
                handle(terminal, runtime, event::read()?)?;
            }
            let elapsed = started.elapsed();
            runtime.guarded(|rt| rt.dispatch(Action::Tick(elapsed)))?;
        } else {
            match next_event(ended, runtime)? {
                Next::Event(event) => handle(terminal, runtime, event)?,
                // Drawn again at the top of the loop.
                Next::News | Next::Ended => {}
            }
        }
    }
    Ok(())
}

/// What woke the idle loop.
enum Next {
    Event(Event),
    /// Journal entries added from the shell came in: draw them.
    News,
    /// A signal asked the app to end.
    Ended,
}

/// How often an idle app looks for journal entries added from the shell
/// (a `stat` of the journal file, nothing more when none came).
const NEWS_EVERY: u32 = 4;

/// The next event that can change anything. A captured mouse reports
/// every movement; those mean nothing here and would each cost a redraw.
fn next_event(ended: &std::sync::atomic::AtomicBool, runtime: &mut Runtime<'_>) -> Result<Next> {
    let mut quiet = 0;
    loop {
        // Woken now and then to see whether a signal came (also when the
        // terminal, gone, keeps reporting input).
        if ended.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(Next::Ended);
        }
        if !event::poll(SIGNAL_CHECK)? {
            quiet += 1;
            if quiet % NEWS_EVERY == 0 && runtime.look_for_news() {
                return Ok(Next::News);
            }
            continue;
        }
        let event = event::read()?;
        let idle = matches!(
            &event,
            Event::Mouse(mouse) if matches!(
                mouse.kind,
                MouseEventKind::Moved | MouseEventKind::Drag(_) | MouseEventKind::Up(_)
            )
        );
        if !idle {
            return Ok(Next::Event(event));
        }
    }
}

fn handle(terminal: &DefaultTerminal, runtime: &mut Runtime<'_>, event: Event) -> Result<()> {
    // While the window is too small to show what keys would act on, only
    // the quick exit works: nothing happens blind.
    let size = terminal.size()?;
    let too_small = size.width < MIN_WIDTH || size.height < MIN_HEIGHT;
    // A failure inside the app is caught here: the open text goes to a
    // recovery file, and the error ends the loop so the terminal is
    // restored and the message is printed in the shell.
    match event {
        // Ctrl+Z: the shell's job control, as in other terminal apps; the
        // screen comes back as it was with `fg`.
        #[cfg(unix)]
        Event::Key(key)
            if key.code == event::KeyCode::Char('z')
                && key.modifiers.contains(event::KeyModifiers::CONTROL) =>
        {
            suspend(runtime.mouse());
            runtime.redraw_all = true;
        }
        Event::Key(key) if too_small && !is_quick_exit(runtime, key) => {}
        Event::Key(key) => runtime.key_guarded(key)?,
        Event::Paste(text) if !too_small => {
            runtime.guarded(|rt| rt.dispatch(Action::Paste(text)))?
        }
        Event::Mouse(mouse) if !too_small => runtime.guarded(|rt| rt.mouse_event(mouse))?,
        // Resizes and the rest just redraw.
        _ => {}
    }
    Ok(())
}

/// SIGTERM, SIGHUP and SIGINT (a `kill -INT`; Ctrl+C at the keyboard is a
/// key in raw mode), on a thread of their own: the event loop is asked
/// to end as Ctrl+Q ends it (keeping what is typed). A terminal that is
/// gone can leave the terminal library reading it in a loop that never
/// returns (crossterm issue 793), so if the app has not ended two seconds
/// later, it ends here: there is no terminal left to restore, and no
/// process is left behind using a core.
#[cfg(unix)]
fn watch_signals(ended: std::sync::Arc<std::sync::atomic::AtomicBool>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                ended.store(true, std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(Duration::from_secs(2));
                std::process::exit(128 + signal);
            }
        });
}

/// Gives the terminal back to the shell and stops, until `fg`.
#[cfg(unix)]
fn suspend(mouse: bool) {
    leave_modes();
    ratatui::restore();
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    // Continued: take the terminal back.
    let _ = enable_raw_mode();
    let _ = execute!(stdout(), EnterAlternateScreen);
    enter_modes(mouse);
}

fn is_quick_exit(runtime: &Runtime<'_>, key: KeyEvent) -> bool {
    crate::keymap::action_for(runtime.app.context(), key) == Some(Action::QuickExit)
}
