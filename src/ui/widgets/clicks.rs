//! Where the rows of a list were drawn in the last frame, so a mouse click
//! can be mapped back to a row. Drawing records it (a layout fact, like
//! `ListCursor::viewport`; drawing only reads the app, hence the cell) and
//! `update` reads it. Each screen owns its map, so a screen not drawn yet
//! has nothing to click.

use std::cell::RefCell;

use ratatui::layout::{Position, Rect};

#[derive(Debug, Default)]
pub struct ClickMap(RefCell<Vec<(Rect, usize)>>);

impl ClickMap {
    /// Forgets the last frame's rows; each draw starts with this.
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    /// Records that item `index` was drawn in `area`.
    pub fn add(&self, area: Rect, index: usize) {
        self.0.borrow_mut().push((area, index));
    }

    /// Records items `first, first + 1, …` drawn one per line from the top
    /// of `area`, as many as `count` (and as fit).
    pub fn rows(&self, area: Rect, first: usize, count: usize) {
        self.clear();
        for (i, y) in (area.y..area.bottom()).take(count).enumerate() {
            self.add(Rect::new(area.x, y, area.width, 1), first + i);
        }
    }

    /// The item drawn at a screen cell, if any.
    pub fn hit(&self, column: u16, row: u16) -> Option<usize> {
        let at = Position::new(column, row);
        self.0
            .borrow()
            .iter()
            .find(|(area, _)| area.contains(at))
            .map(|&(_, index)| index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_finds_the_row_drawn_there() {
        let map = ClickMap::default();
        map.rows(Rect::new(2, 5, 10, 3), 7, 10);
        assert_eq!(map.hit(2, 5), Some(7));
        assert_eq!(map.hit(11, 7), Some(9));
        // Beside the list, below it, and past its last row.
        assert_eq!(map.hit(1, 5), None);
        assert_eq!(map.hit(12, 5), None);
        assert_eq!(map.hit(2, 8), None);
        map.rows(Rect::new(0, 0, 10, 5), 0, 2);
        assert_eq!(map.hit(0, 2), None);
    }
}
