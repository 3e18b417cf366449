//! Proposals and votes, time-outs, and the end of a talk with its
//! summary.

use uuid::Uuid;

use super::{FloorMode, FloorScreen, MAX_AGREEMENT_CHARS, TIME_OUT_MINUTES, talk};
use crate::action::Action;
use crate::content::Content;
use crate::couple::{Agreement, AgreementStatus};
use crate::ui::screens::SummaryScreen;
use crate::ui::screens::{Command, Effect, Screen, Session};
use crate::ui::widgets::edit_line;

impl FloorScreen {
    pub(super) fn on_propose(
        &mut self,
        action: Action,
        mut text: String,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        match action {
            Action::Select => {
                let now = session.clock().now();
                let talk_id = talk(session).map(|t| t.id);
                let by = talk(session).and_then(|t| t.actor());
                match Agreement::propose(&text, by, talk_id, now) {
                    Ok(agreement) => {
                        let id = agreement.id;
                        if session.add_agreement(agreement).is_err() {
                            return Vec::new();
                        }
                        self.mode = FloorMode::Vote {
                            agreement: id,
                            voter: 0,
                            ending: false,
                        };
                        let _ = content;
                        return vec![Command::Effect(Effect::Save)];
                    }
                    Err(_) => {
                        self.problem =
                            Some("Write the agreement first: one clear, doable thing.".into());
                        self.mode = FloorMode::Propose(text);
                    }
                }
            }
            Action::Back => {}
            action => {
                edit_line(&mut text, &action, MAX_AGREEMENT_CHARS);
                self.mode = FloorMode::Propose(text);
            }
        }
        Vec::new()
    }

    /// The partners in the order they are asked: the one holding the floor
    /// first.
    pub(super) fn voters(session: &Session) -> Vec<Uuid> {
        match talk(session) {
            Some(t) => match (t.speaker(), t.listener()) {
                (Some(s), Some(l)) => vec![s, l],
                _ => t.partners.to_vec(),
            },
            None => Vec::new(),
        }
    }

    pub(super) fn on_vote(
        &mut self,
        action: Action,
        id: Uuid,
        voter: usize,
        ending: bool,
        content: &Content,
        session: &mut Session,
    ) -> Vec<Command> {
        let voters = Self::voters(session);
        let Some(&who) = voters.get(voter) else {
            return Vec::new();
        };
        let now = session.clock().now();
        let everyone = session.workbook().participant_ids();
        let Some(agreement) = session.agreement_mut(id).ok() else {
            return Vec::new();
        };
        let mut commands = vec![Command::Effect(Effect::Save)];
        match action {
            Action::Confirm => match agreement.accept(who, &everyone, now) {
                Ok(true) => commands.push(Command::Status(
                    "You both agreed. It is in your agreements list now.".into(),
                )),
                Ok(false) if voter + 1 < voters.len() => {
                    self.mode = FloorMode::Vote {
                        agreement: id,
                        voter: voter + 1,
                        ending,
                    };
                    return commands;
                }
                Ok(false) => {}
                Err(err) => {
                    self.problem = Some(format!("{err}."));
                    return Vec::new();
                }
            },
            Action::Decline => {
                let _ = agreement.decline(who, now);
                // At the end a no leaves it out; during the talk it stays
                // open to talk about.
                let status = if ending {
                    "Not agreed this time, so it is left out. That is fine.".to_string()
                } else {
                    content.couple.agreements.not_now.clone()
                };
                commands.push(Command::Status(status));
            }
            // "Not now": left open without a no; asked again at the end.
            Action::Back if !ending => return Vec::new(),
            Action::Back => {}
            _ => {
                self.mode = FloorMode::Vote {
                    agreement: id,
                    voter,
                    ending,
                };
                return Vec::new();
            }
        }
        if ending {
            commands.extend(self.finish(content, session));
        }
        commands
    }

    pub(super) fn time_out(&mut self, session: &mut Session) -> Vec<Command> {
        self.keep_draft(session);
        let now = session.clock().now();
        let Some(talk) = session.talk_mut().ok() else {
            return Vec::new();
        };
        match talk.call_time_out(None, TIME_OUT_MINUTES, now) {
            Ok(()) => vec![
                Command::Effect(Effect::Save),
                Command::Goto(Screen::TimeOut(Box::default())),
            ],
            Err(err) => self.refused(err),
        }
    }

    /// Ends the talk: first every proposal still open is put to both; what
    /// did not get two yeses is dropped. Then the summary is kept on the
    /// talk and in the journal.
    pub(super) fn finish(&mut self, content: &Content, session: &mut Session) -> Vec<Command> {
        let voters = Self::voters(session);
        let Some(talk) = talk(session) else {
            return Vec::new();
        };
        let open = talk.agreements.iter().copied().find(|id| {
            session.workbook().agreement(*id).is_some_and(|a| {
                a.status == AgreementStatus::Proposed
                    && !a
                        .history
                        .iter()
                        .any(|e| matches!(e.kind, crate::couple::AgreementEventKind::Declined))
                    && voters.iter().any(|v| !a.accepted_by.contains(v))
            })
        });
        if let Some(agreement) = open {
            let voter = session
                .workbook()
                .agreement(agreement)
                .and_then(|a| voters.iter().position(|v| !a.accepted_by.contains(v)))
                .unwrap_or(0);
            self.mode = FloorMode::Vote {
                agreement,
                voter,
                ending: true,
            };
            return Vec::new();
        }
        self.keep_draft(session);
        let id = match session.end_talk(content) {
            Ok(id) => id,
            Err(crate::open::EndTalk::Illegal(err)) => return self.refused(err),
            Err(crate::open::EndTalk::Refused(_)) => return Vec::new(),
        };
        vec![
            Command::Effect(Effect::Save),
            Command::Goto(Screen::TalkSummary(Box::new(SummaryScreen::new(id)))),
        ]
    }
}
