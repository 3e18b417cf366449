//! Plain data that is saved to disk. No I/O and no terminal code lives here,
//! so the engine, the storage and the UI can all share these types.

mod workbook;

pub use workbook::{
    Answer, AnswerValue, NewWorkbook, Position, Progress, RelationshipKind, Role, SCHEMA_VERSION,
    Workbook, now,
};
