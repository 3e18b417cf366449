//! Both partners' names and sides: asked when a couple workbook is created,
//! and when a one-person workbook becomes a couple workbook. Everything
//! written afterwards is attributed to one of these two.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::LookAwayScreen;
use crate::action::Action;
use crate::content::Content;
use crate::domain::{Role, SOLO_NAME};
use crate::ui::screens::{AfterScreening, ScreeningScreen};
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::theme::theme;
use crate::ui::widgets::{choice_lines, edit_line, input_line, wrapped};

/// Long enough for any first name or nickname, short enough for a banner.
const MAX_NAME_CHARS: usize = 30;

/// One stop of the form: a person's name or side, for person 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerField {
    Name(usize),
    Side(usize),
}

const FIELDS: [PartnerField; 4] = [
    PartnerField::Name(0),
    PartnerField::Side(0),
    PartnerField::Name(1),
    PartnerField::Side(1),
];

/// Where the form leads once saved or left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterPartners {
    /// Just created: on to the first stage.
    Start,
    /// Came from couple mode: back there.
    Talk,
}

#[derive(Debug)]
pub struct PartnersScreen {
    pub names: [String; 2],
    /// Indexes into [`Role::ALL`].
    pub sides: [usize; 2],
    pub focus: usize,
    pub after: AfterPartners,
    pub problem: Option<String>,
}

impl PartnersScreen {
    /// The form filled with who is in the workbook already (the solo
    /// placeholder name is left blank so it gets replaced).
    pub fn new(session: &Session, after: AfterPartners) -> Self {
        let people = &session.workbook().participants;
        let name = |i: usize| {
            people
                .get(i)
                .map(|p| p.name.clone())
                .filter(|n| !(i == 0 && people.len() == 1 && n == SOLO_NAME))
                .unwrap_or_default()
        };
        let side = |i: usize| {
            let role = people.get(i).map(|p| p.role).unwrap_or(match i {
                // The other side of the first person's, as a starting guess.
                _ if people.first().map(|p| p.role) == Some(Role::Hurt) => Role::Caused,
                _ if people.first().map(|p| p.role) == Some(Role::Caused) => Role::Hurt,
                _ => Role::Both,
            });
            Role::ALL.iter().position(|r| *r == role).unwrap_or(0)
        };
        Self {
            names: [name(0), name(1)],
            sides: [side(0), side(1)],
            focus: 0,
            after,
            problem: None,
        }
    }

    fn field(&self) -> PartnerField {
        FIELDS[self.focus.min(FIELDS.len() - 1)]
    }

    pub fn update(
        &mut self,
        action: Action,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        self.problem = None;
        match (action, self.field()) {
            (Action::Select, _) if self.focus + 1 == FIELDS.len() => {
                return self.save(content, session);
            }
            (Action::Select | Action::NextField, _) => self.focus = (self.focus + 1) % FIELDS.len(),
            (Action::PreviousField, _) => {
                self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len()
            }
            (Action::Up, PartnerField::Side(i)) if self.sides[i] > 0 => self.sides[i] -= 1,
            (Action::Down, PartnerField::Side(i)) if self.sides[i] + 1 < Role::ALL.len() => {
                self.sides[i] += 1
            }
            (Action::Up, _) => self.focus = self.focus.saturating_sub(1),
            (Action::Down, _) => self.focus = (self.focus + 1).min(FIELDS.len() - 1),
            (Action::Left, PartnerField::Side(i)) => {
                self.sides[i] = (self.sides[i] + Role::ALL.len() - 1) % Role::ALL.len()
            }
            (Action::Right, PartnerField::Side(i)) => {
                self.sides[i] = (self.sides[i] + 1) % Role::ALL.len()
            }
            (action @ (Action::Type(_) | Action::Paste(_)), PartnerField::Name(i)) => {
                edit_line(&mut self.names[i], &action, MAX_NAME_CHARS);
            }
            (Action::Back, _) => return vec![Command::Goto(self.leave(content, session))],
            _ => {}
        }
        Vec::new()
    }

    fn save(&mut self, content: &Content, session: &mut Session) -> Vec<Command> {
        let names = self.names.clone().map(|n| n.trim().to_string());
        if let Err(problem) = crate::open::check_partner_names([&names[0], &names[1]]) {
            let field = match problem {
                crate::open::Refused::BlankName { which } => which,
                _ => 1,
            };
            self.focus = FIELDS
                .iter()
                .position(|f| *f == PartnerField::Name(field))
                .unwrap_or(0);
            // The core's words, said as a sentence.
            self.problem = Some(format!(
                "{}.",
                crate::ui::screens::capitalised(&problem.to_string())
            ));
            return Vec::new();
        }
        let [first, second] = names;
        let people = [
            (first, Role::ALL[self.sides[0]]),
            (second, Role::ALL[self.sides[1]]),
        ];
        if let Err(refused) = session.set_partners(people) {
            return vec![crate::ui::screens::refused(&refused)];
        }
        let mut commands = vec![
            Command::Effect(Effect::Save),
            Command::Goto(self.leave(content, session)),
        ];
        // A new workbook goes on to the private questions, where a hint
        // about writing would be out of place.
        if self.after == AfterPartners::Talk {
            commands.push(Command::Status(
                "Saved. Press W to switch who is writing.".into(),
            ));
        }
        commands
    }

    fn leave(&self, content: &Content, session: &Session) -> Screen {
        match self.after {
            // A new couple workbook: each answers the private questions
            // alone, the first person first.
            AfterPartners::Start => match session.workbook().partners() {
                Some([a, b]) => Screen::LookAway(Box::new(LookAwayScreen::screening(
                    a,
                    b,
                    AfterScreening::Next { to: b, away: a },
                    None,
                ))),
                // Left without a second name: one person, screened alone.
                None => Screen::Screening(Box::new(ScreeningScreen::new(
                    content,
                    session.writer(),
                    AfterScreening::Start,
                ))),
            },
            AfterPartners::Talk => Screen::Talk(Box::default()),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        // Short terminals show one person at a time.
        let compact = area.height < 16;
        let people: Vec<usize> = if compact {
            vec![match self.field() {
                PartnerField::Name(i) | PartnerField::Side(i) => i,
            }]
        } else {
            vec![0, 1]
        };
        let width = area.width as usize;
        let mut intro = vec![Line::styled("The two of you", theme().title)];
        let hint = wrapped(
            "Your names show who holds the floor, and whose words are whose. Tab moves on.",
            theme().muted,
            width,
        );
        let problem = self
            .problem
            .as_ref()
            .map_or(0, |p| wrapped(p, theme().warning, width).len());
        // The hint gives way first when the window is short, so the form
        // and any problem with it stay whole.
        let below = people.len() * 6 + problem;
        let height = area.height as usize;
        if 1 + hint.len() + below <= height {
            intro.extend(hint);
            if intro.len() + 1 + below <= height {
                intro.push(Line::default());
            }
        }
        let mut constraints = vec![Constraint::Length(intro.len() as u16)];
        constraints.extend(people.iter().map(|_| Constraint::Length(6)));
        constraints.push(Constraint::Min(0));
        let areas = Layout::vertical(constraints).split(area);
        frame.render_widget(Paragraph::new(intro), areas[0]);
        for (slot, &i) in people.iter().enumerate() {
            let focused =
                matches!(self.field(), PartnerField::Name(p) | PartnerField::Side(p) if p == i);
            let border = if focused {
                theme().border_focus
            } else {
                theme().border
            };
            let title = if i == 0 {
                " First person "
            } else {
                " Second person "
            };
            frame.render_widget(
                Paragraph::new(self.person_lines(i))
                    .block(Block::bordered().border_style(border).title(title)),
                areas[slot + 1],
            );
        }
        if let Some(text) = &self.problem {
            frame.render_widget(
                Paragraph::new(Line::styled(text.clone(), theme().warning))
                    .wrap(Wrap { trim: true }),
                areas[people.len() + 1],
            );
        }
    }

    fn person_lines(&self, i: usize) -> Vec<Line<'static>> {
        let name_focused = self.field() == PartnerField::Name(i);
        let side_focused = self.field() == PartnerField::Side(i);
        let mut name = vec![Span::styled("Name: ", theme().muted)];
        name.extend(
            input_line(
                &self.names[i],
                name_focused,
                ["e.g. Alex", "e.g. Sam"][i.min(1)],
            )
            .spans,
        );
        let mut lines = vec![Line::from(name)];
        lines.extend(choice_lines(
            Role::ALL.iter().map(|r| r.label()),
            self.sides[i],
            side_focused,
        ));
        lines
    }
}

/// How the app talks to this screen (see `registry.rs`).
impl crate::ui::screens::View for PartnersScreen {
    fn context(&self, session: Option<&crate::ui::screens::Session>) -> crate::keymap::Context {
        let _ = session;
        crate::keymap::Context::Partners
    }

    fn update(
        &mut self,
        action: crate::action::Action,
        cx: crate::ui::screens::Cx<'_>,
    ) -> Vec<crate::ui::screens::Command> {
        let Some(session) = cx.session else {
            return Vec::new();
        };
        self.update(action, cx.content, session)
    }

    fn draw(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        look: &crate::ui::screens::Look<'_>,
    ) {
        if look.session.is_some() {
            self.draw(frame, area);
        }
    }

    fn location(&self, look: &crate::ui::screens::Look<'_>) -> String {
        let _ = look;
        "Together · names".to_string()
    }
}
