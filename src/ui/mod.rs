//! Drawing: the screens (one file each, `screens/`), the widgets they are
//! built from, and the theme. The frame around them (header, footer,
//! popups) is drawn by `app::draw`, which reads the app's state.

pub mod screens;
pub mod theme;
pub mod widgets;

/// Below this the layout cannot show a question and its answer.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// The widest the screens grow.
pub const MAX_WIDTH: u16 = 140;
