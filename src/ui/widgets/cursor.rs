//! A selection in a long list that scrolls smoothly: the view moves only
//! when the selection would leave it, instead of the selection being pinned
//! to an edge.

use std::cell::Cell;

#[derive(Debug, Default)]
pub struct ListCursor {
    pub selected: usize,
    /// The first row in view.
    pub offset: usize,
    /// Rows that fitted at the last draw. Drawing records it (a layout
    /// fact, not app state) so paging knows how far a page is.
    pub viewport: Cell<usize>,
    /// Where each row was drawn, for the mouse.
    pub clicks: super::ClickMap,
}

impl ListCursor {
    /// Moves by `delta` rows within a list of `len`, keeping it in view.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        let last = len.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.keep_in_view(len);
    }

    /// A page down (positive) or up (negative).
    pub fn page(&mut self, pages: isize, len: usize) {
        let page = self.viewport.get().max(1) as isize;
        self.move_by(pages * page, len);
    }

    pub fn top(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    pub fn bottom(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
        self.keep_in_view(len);
    }

    /// Clamps to a list that may have shrunk, and scrolls the selection
    /// into view.
    pub fn keep_in_view(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        let height = self.viewport.get().max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// The rows `[start, end)` to draw in `height` rows: the stored view,
    /// corrected if the window changed size since.
    pub fn window(&self, len: usize, height: usize) -> (usize, usize) {
        self.viewport.set(height);
        let mut start = self.offset.min(len.saturating_sub(height));
        if self.selected < start {
            start = self.selected;
        } else if height > 0 && self.selected >= start + height {
            start = self.selected + 1 - height;
        }
        (start, (start + height).min(len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_moves_only_when_the_selection_leaves_it() {
        let cursor = ListCursor::default();
        cursor.viewport.set(5);
        let mut cursor = cursor;
        for _ in 0..6 {
            cursor.move_by(1, 100);
        }
        assert_eq!((cursor.selected, cursor.offset), (6, 2));
        // Going back up inside the view does not scroll.
        cursor.move_by(-2, 100);
        assert_eq!((cursor.selected, cursor.offset), (4, 2));
        cursor.move_by(-3, 100);
        assert_eq!((cursor.selected, cursor.offset), (1, 1));
        cursor.page(2, 100);
        assert_eq!(cursor.selected, 11);
        cursor.bottom(100);
        assert_eq!((cursor.selected, cursor.offset), (99, 95));
        assert_eq!(cursor.window(100, 5), (95, 100));
        cursor.keep_in_view(3);
        assert_eq!((cursor.selected, cursor.offset), (2, 0));
    }
}
