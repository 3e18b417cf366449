//! Setting up a talk: the topic (typed, or one suggested by the stage you
//! are in), who speaks first, and an optional turn timer. Then the ground
//! rules, and the talk begins.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::FloorScreen;
use crate::action::Action;
use crate::content::Content;
use crate::couple::Conversation;
use crate::keymap::Context;
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{
    choice_style, edit_line, inner_width, input_line, list_window, selection_marker, wrapped,
};

/// A topic is one sentence, not an essay.
const MAX_TOPIC_CHARS: usize = 80;
/// The turn timer's choices, in minutes (`None` is off).
pub const TIMER_CHOICES: [Option<u32>; 4] = [None, Some(2), Some(3), Some(5)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupField {
    Topic,
    /// The stage's suggestions; Enter copies one into the topic.
    Suggestions,
    FirstSpeaker,
    Timer,
}

const FIELDS: [SetupField; 4] = [
    SetupField::Topic,
    SetupField::Suggestions,
    SetupField::FirstSpeaker,
    SetupField::Timer,
];

#[derive(Debug)]
pub struct SetupScreen {
    pub topic: String,
    /// Topics suggested by the current stage (its steps made for two).
    pub suggestions: Vec<String>,
    pub suggestion: usize,
    /// The stage the suggestions come from, remembered on the talk.
    stage: Option<String>,
    /// 0 or 1: which partner speaks first.
    pub first: usize,
    /// Index into [`TIMER_CHOICES`].
    pub timer: usize,
    pub focus: SetupField,
    /// Showing the ground rules, the last stop before the talk.
    pub rules: bool,
    rules_scroll: crate::ui::widgets::Scroll,
    pub problem: Option<String>,
    /// Which suggestion the topic was copied from, so the talk can name
    /// its stage only when the topic really came from there.
    picked: Option<String>,
}

impl SetupScreen {
    pub fn new(content: &Content, session: &Session) -> Self {
        let engine = session.engine(content);
        let stage = engine.place_of(&session.progress().position).stage();
        let (suggestions, stage) = match content.stages.get(stage) {
            Some(st) => (
                st.steps
                    .iter()
                    .filter(|s| s.couple)
                    .map(|s| s.title.clone())
                    .collect(),
                Some(st.id.clone()),
            ),
            None => (Vec::new(), None),
        };
        Self {
            topic: String::new(),
            suggestions,
            suggestion: 0,
            stage,
            first: 0,
            timer: 0,
            focus: SetupField::Topic,
            rules: false,
            rules_scroll: Default::default(),
            problem: None,
            picked: None,
        }
    }

    pub fn context(&self) -> Context {
        if self.rules {
            Context::TalkRules
        } else {
            Context::TalkSetup
        }
    }

    fn fields(&self) -> Vec<SetupField> {
        FIELDS
            .into_iter()
            .filter(|f| *f != SetupField::Suggestions || !self.suggestions.is_empty())
            .collect()
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % fields.len()
        } else {
            (at + fields.len() - 1) % fields.len()
        };
        self.focus = fields[next];
    }

    pub fn update(&mut self, action: Action, session: &mut Session) -> Vec<Command> {
        self.problem = None;
        if self.rules {
            if self.rules_scroll.update(&action) {
                return Vec::new();
            }
            return match action {
                Action::Select => self.start(session),
                Action::Back => {
                    self.rules = false;
                    Vec::new()
                }
                _ => Vec::new(),
            };
        }
        let last = self.fields().last().copied();
        match (action, self.focus) {
            (Action::Select, SetupField::Suggestions) => {
                if let Some(s) = self.suggestions.get(self.suggestion) {
                    self.topic = s.chars().take(MAX_TOPIC_CHARS).collect();
                    self.picked = Some(s.clone());
                }
                self.move_focus(true);
            }
            // With a topic typed, Enter goes past the suggestions: taking
            // one there would replace the person's own words.
            (Action::Select, SetupField::Topic) if !self.topic.trim().is_empty() => {
                self.focus = SetupField::FirstSpeaker;
            }
            (Action::Select, SetupField::Topic) => self.move_focus(true),
            (Action::Select, field) if Some(field) == last => self.go_to_rules(),
            (Action::Select | Action::NextField, _) => self.move_focus(true),
            (Action::PreviousField, _) => self.move_focus(false),
            (Action::Up, SetupField::Suggestions) if self.suggestion > 0 => self.suggestion -= 1,
            (Action::Down, SetupField::Suggestions)
                if self.suggestion + 1 < self.suggestions.len() =>
            {
                self.suggestion += 1
            }
            (Action::Up, _) => self.move_focus(false),
            (Action::Down, _) => self.move_focus(true),
            (Action::Left | Action::Right, SetupField::FirstSpeaker) => self.first = 1 - self.first,
            (Action::Left, SetupField::Timer) => {
                self.timer = (self.timer + TIMER_CHOICES.len() - 1) % TIMER_CHOICES.len()
            }
            (Action::Right, SetupField::Timer) => {
                self.timer = (self.timer + 1) % TIMER_CHOICES.len()
            }
            (action @ (Action::Type(_) | Action::Paste(_)), SetupField::Topic) => {
                edit_line(&mut self.topic, &action, MAX_TOPIC_CHARS);
            }
            (Action::Back, _) => {
                return vec![Command::Goto(Screen::Talk(Box::default()))];
            }
            _ => {}
        }
        Vec::new()
    }

    fn go_to_rules(&mut self) {
        if self.topic.trim().is_empty() {
            self.focus = SetupField::Topic;
            self.problem = Some("Choose one topic first: a few words are enough.".into());
            return;
        }
        self.rules = true;
    }

    fn start(&mut self, session: &mut Session) -> Vec<Command> {
        let Some(partners) = session.workbook().partners() else {
            return Vec::new();
        };
        let stage = match &self.picked {
            Some(picked) if *picked == self.topic => self.stage.as_deref(),
            _ => None,
        };
        let started = Conversation::start(
            &self.topic,
            stage,
            partners,
            partners[self.first],
            TIMER_CHOICES[self.timer],
            session.clock().now(),
        );
        match started {
            Ok(talk) => {
                let _ = session.start_talk(talk);
                vec![
                    Command::Effect(Effect::Save),
                    Command::Goto(Screen::Floor(Box::new(FloorScreen::new(session)))),
                ]
            }
            Err(err) => {
                self.rules = false;
                self.problem = Some(format!("The talk could not start: {err}."));
                Vec::new()
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, content: &Content, session: &Session) {
        if self.rules {
            self.draw_rules(frame, area, content);
            return;
        }
        let names = names(session);
        let fields = self.fields();
        let inside = area.width.saturating_sub(2) as usize;
        let speakers = [names[0].as_str(), names[1].as_str()];
        let height = |f: &SetupField| -> u16 {
            match f {
                SetupField::Suggestions => (self.suggestions.len() as u16).min(5) + 2,
                SetupField::Topic => 3,
                SetupField::FirstSpeaker => choices(&speakers, 0, false, inside).len() as u16 + 2,
                SetupField::Timer => choices(&TIMER_LABELS, 0, false, inside).len() as u16 + 2,
            }
        };
        let mut header = vec![Line::styled("A new talk", theme().title)];
        header.extend(wrapped(
            "One topic, taking turns. Tab moves on; Enter goes ahead.",
            theme().muted,
            area.width as usize,
        ));
        // Short terminals show the focused field only.
        let full = header.len() as u16 + fields.iter().map(height).sum::<u16>();
        let compact = area.height < full;
        let shown: Vec<SetupField> = if compact {
            vec![self.focus]
        } else {
            fields.clone()
        };
        let mut constraints = vec![Constraint::Length(header.len() as u16)];
        constraints.extend(shown.iter().map(|f| Constraint::Length(height(f))));
        constraints.push(Constraint::Min(0));
        let areas = Layout::vertical(constraints).split(area);
        frame.render_widget(Paragraph::new(header), areas[0]);
        for (i, field) in shown.iter().enumerate() {
            let focused = self.focus == *field;
            let border = if focused {
                theme().border_focus
            } else {
                theme().border
            };
            let (title, lines) = match field {
                SetupField::Topic => (
                    " What do you want to talk about? ",
                    vec![input_line(&self.topic, focused, &content.couple.topic_hint)],
                ),
                SetupField::Suggestions => (
                    " Suggested by this stage ",
                    self.suggestion_lines(focused, areas[i + 1].height),
                ),
                SetupField::FirstSpeaker => (
                    " Who speaks first? ",
                    choices(&speakers, self.first, focused, inside),
                ),
                SetupField::Timer => {
                    let title = " A turn timer (a gentle reminder, never a cut-off) ";
                    (
                        if title.len() + 2 <= area.width as usize {
                            title
                        } else {
                            " A turn timer (never a cut-off) "
                        },
                        choices(&TIMER_LABELS, self.timer, focused, inside),
                    )
                }
            };
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .block(Block::bordered().border_style(border).title(title)),
                areas[i + 1],
            );
        }
        if let Some(text) = &self.problem {
            frame.render_widget(
                Paragraph::new(Line::styled(text.clone(), theme().warning))
                    .wrap(Wrap { trim: true }),
                areas[shown.len() + 1],
            );
        }
    }

    fn suggestion_lines(&self, focused: bool, height: u16) -> Vec<Line<'static>> {
        let rows = height.saturating_sub(2) as usize;
        let (start, end) = list_window(self.suggestions.len(), self.suggestion, rows);
        self.suggestions[start..end]
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let on = focused && start + i == self.suggestion;
                let style = if on { theme().selected } else { theme().text };
                Line::from(vec![selection_marker(on), Span::styled(s.clone(), style)])
            })
            .collect()
    }

    fn draw_rules(&self, frame: &mut Frame, area: Rect, content: &Content) {
        let rules = &content.couple.rules;
        let width = inner_width(area).saturating_sub(2);
        let mut lines = vec![
            Line::from(vec![
                Span::styled("Topic: ", theme().muted),
                Span::styled(self.topic.trim().to_string(), theme().title),
            ]),
            Line::default(),
        ];
        for item in &rules.items {
            let mut wrapped = wrapped(item, theme().text, width).into_iter();
            if let Some(first) = wrapped.next() {
                let mut spans = vec![Span::styled("• ", theme().accent)];
                spans.extend(first.spans);
                lines.push(Line::from(spans));
            }
            lines.extend(wrapped.map(|l| {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(l.spans);
                Line::from(spans)
            }));
        }
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled("Ctrl+T", theme().key),
            Span::styled(
                " calls a time-out at any moment, for either of you.",
                theme().muted,
            ),
        ]));
        self.rules_scroll.draw(frame, area, &rules.title, lines);
    }
}

/// The two partners' names, in workbook order.
pub fn names(session: &Session) -> [String; 2] {
    let workbook = session.workbook();
    match workbook.partners() {
        Some([a, b]) => [
            workbook.author_name(a).to_string(),
            workbook.author_name(b).to_string(),
        ],
        None => [String::new(), String::new()],
    }
}

/// The turn timer's choices as shown, in the order of [`TIMER_CHOICES`].
const TIMER_LABELS: [&str; 4] = ["no timer", "2 minutes", "3 minutes", "5 minutes"];

/// Options on one line, the chosen one marked (not only coloured); one
/// option a line when they do not fit in `width`.
fn choices(labels: &[&str], chosen: usize, focused: bool, width: usize) -> Vec<Line<'static>> {
    let option = |i: usize, label: &str| {
        let on = i == chosen;
        let style = choice_style(on, focused);
        vec![
            if on {
                Span::styled("◉ ", style)
            } else {
                Span::styled("○ ", theme().muted)
            },
            Span::styled(label.to_string(), style),
        ]
    };
    let one_line: usize = labels.iter().map(|l| l.width() + 5).sum::<usize>();
    if one_line.saturating_sub(3) > width {
        return labels
            .iter()
            .enumerate()
            .map(|(i, label)| Line::from(option(i, label)))
            .collect();
    }
    let mut spans = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        spans.extend(option(i, label));
        spans.push(Span::raw("   "));
    }
    vec![Line::from(spans)]
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for SetupScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        self.context()
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        let Some(session) = cx.session else {
            return Vec::new();
        };
        self.update(action, session)
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
        let _ = look;
        "Together · a new talk".to_string()
    }

    fn private(&self) -> bool {
        true
    }
}
