use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Role;

/// Someone who writes in a workbook. A solo workbook has one; a couple
/// workbook has two. Entries and check-ins name their author by `id`, so a
/// participant can be renamed without rewriting history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    /// The person's own key, locked with their own passphrase (an age file,
    /// base64): proves who is at the keyboard where only that person may
    /// act, such as turning couple mode back on after their private
    /// answers turned it off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The public half of that key (`age1…`): the person's private items
    /// are sealed to it on disk at every save, so reading the file does
    /// not reveal them, and only their passphrase opens them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
}

/// The name given to the one participant of a solo workbook.
pub const SOLO_NAME: &str = "Me";

impl Participant {
    pub fn new(name: impl Into<String>, role: Role) -> Self {
        Self {
            id: Uuid::now_v7(),
            name: name.into(),
            role,
            key: None,
            recipient: None,
        }
    }
}
