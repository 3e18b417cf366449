//! The real terminal: set it up, run the event loop, and put it back the
//! way it was on every exit path (quit, error and panic).

use std::io::stdout;
use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType};

use crate::action::Action;
use crate::app::{Exit, Runtime};

/// How often an animation redraws: smooth enough for a breathing bar.
const TICK: Duration = Duration::from_millis(100);

pub fn run(runtime: &mut Runtime<'_>) -> Result<()> {
    // ratatui::init installs a panic hook that restores the terminal
    // before the panic message is printed.
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            // Raw mode may already be on when a later setup step fails.
            ratatui::restore();
            return Err(error.into());
        }
    };
    let result = event_loop(&mut terminal, runtime);
    if runtime.exit == Some(Exit::QuickExit) {
        // Leave nothing of the workbook on screen, even for terminals
        // without an alternate screen.
        let _ = terminal.clear();
    }
    ratatui::restore();
    if runtime.exit == Some(Exit::QuickExit) {
        let _ = execute!(stdout(), Clear(ClearType::All), Clear(ClearType::Purge));
    }
    result
}

fn event_loop(terminal: &mut DefaultTerminal, runtime: &mut Runtime<'_>) -> Result<()> {
    while runtime.exit.is_none() {
        terminal.draw(|frame| crate::ui::draw(&runtime.app, frame))?;
        // While something animates, wake up for ticks; otherwise sleep until
        // the next event. Other events (resize, focus) just redraw.
        if runtime.app.animating() {
            let started = Instant::now();
            if event::poll(TICK)?
                && let Event::Key(key) = event::read()?
            {
                runtime.key(key);
            }
            runtime.dispatch(Action::Tick(started.elapsed()));
        } else if let Event::Key(key) = event::read()? {
            runtime.key(key);
        }
    }
    Ok(())
}
