//! Drawing a page of a stage (its intro, a step, the check-out) and how
//! the app talks to the page screen. Kept apart from the page's state
//! (`page.rs`) so the step and check-out drawings can read that state
//! without the state depending on them.

use crate::content::Content;
use crate::engine::{Engine, Place};
use crate::ui::screens::{PageScreen, Session};

impl PageScreen {
    pub fn draw(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        content: &Content,
        session: &Session,
    ) {
        let engine = session.engine(content);
        let max = match self.place {
            Place::Intro(s) => super::intro::draw(frame, area, &engine, session, s, self.scroll),
            Place::Step(..) => super::step::draw(frame, area, &engine, session, self),
            Place::Checkout(_) => super::checkout::draw(frame, area, &engine, session, self),
        };
        // Remembered so scrolling stops at the end of the text; this is
        // the one piece of state drawing may touch, and only a cache.
        self.scroll_max.set(max);
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for PageScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        self.context()
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        self.update(action, cx.content, cx.session)
    }

    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        look: &crate::ui::screens::Look<'_>,
    ) {
        let Some(session) = look.session else {
            return;
        };
        self.draw(frame, area, look.content, session);
    }

    fn location(&self, look: &crate::ui::screens::Look<'_>) -> String {
        match look.session {
            Some(session) => location(&session.engine(look.content), self.place),
            None => String::new(),
        }
    }

    fn keep_on_quick_exit(
        &mut self,
        content: &crate::content::Content,
        session: Option<&mut crate::ui::screens::Session>,
    ) -> Vec<crate::ui::screens::Command> {
        self.finish_edit(content, session)
    }

    fn click_target(
        &self,
        context: crate::keymap::Context,
    ) -> Option<(&crate::ui::widgets::ClickMap, usize)> {
        let _ = context;
        (context == crate::keymap::Context::Page).then_some((&self.clicks, self.selected))
    }
}

/// "Stage 2 of 7 · Step 3 of 5" for the header.
pub fn location(engine: &Engine<'_>, place: Place) -> String {
    let stages = engine.content.stages.len();
    let s = place.stage();
    let steps = engine.content.stages.get(s).map_or(0, |st| st.steps.len());
    match place {
        Place::Intro(_) => format!("Stage {} of {stages}", s + 1),
        Place::Step(_, i) => format!("Stage {} of {stages} · Step {} of {steps}", s + 1, i + 1),
        Place::Checkout(_) => format!("Stage {} of {stages} · Check-out", s + 1),
    }
}
