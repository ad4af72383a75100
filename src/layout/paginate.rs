//! 分页 — fill pages of 22 grid lines (15 on a page whose 版心 is turned). A slot marked
//! `keep_with_next` never ends a page: a heading stays with the text it heads, the 署名 stays
//! with the last line of the 正文. A slot may bring lines to repeat above it when it begins a
//! page (a table's header rows). A change of frame begins a page.

use super::pages::Frame;

/// One grid line of the document: a line of text or a blank line.
#[derive(Debug, Clone)]
pub struct Slot<L> {
    /// The paragraph it belongs to (a blank line is a paragraph of its own).
    pub paragraph: usize,
    pub line: Option<L>,
    /// Must stand on the same page as the slot after it.
    pub keep_with_next: bool,
    /// Starts a new page (an attachment's first line, 附件另面编排).
    pub new_page: bool,
    /// Set above this slot when it begins a page (a table's header rows above a body row).
    pub repeat: Vec<Slot<L>>,
    /// The 版心 it is set in: its page's.
    pub frame: Frame,
}

/// The pages, each a list of slots; for each page after the first, whether it was started early
/// (the previous page has unused lines).
pub fn paginate<L: Clone>(slots: Vec<Slot<L>>) -> Vec<(Vec<Slot<L>>, bool)> {
    let mut pages: Vec<(Vec<Slot<L>>, bool)> = vec![(Vec::new(), false)];
    let mut slots = slots.into_iter().peekable();
    let mut chain = Vec::new();
    while let Some(slot) = slots.next() {
        let keep = slot.keep_with_next;
        let turns = slots.peek().is_some_and(|next| next.frame != slot.frame);
        chain.push(slot);
        if keep && !turns && slots.peek().is_some() {
            continue;
        }
        let chain_len = chain.len();
        let frame = chain[0].frame;
        let lines = frame.lines();
        let last = pages
            .last()
            .map(|p| (p.0.len(), p.0.first().map(|s| s.frame)));
        let (used, page_frame) = last.unwrap_or((0, None));
        let repeat = chain[0].repeat.len();
        // A turn begins a page; so does a chain that fits a page but not this one's rest.
        let turns_here = page_frame != Some(frame);
        let overflows = used + chain_len > lines && chain_len + repeat <= lines;
        if used > 0 && (turns_here || overflows) {
            pages.push((Vec::new(), true));
        }
        for (k, mut slot) in chain.drain(..).enumerate() {
            let full = pages.last().is_some_and(|p| p.0.len() == lines);
            let forced = slot.new_page && pages.last().is_some_and(|p| !p.0.is_empty());
            if full || forced {
                pages.push((Vec::new(), forced && !full));
            }
            let not_first = pages.len() > 1;
            let page = &mut pages.last_mut().expect("pages starts non-empty").0;
            let repeat = std::mem::take(&mut slot.repeat);
            if k == 0 && page.is_empty() && not_first {
                page.extend(repeat);
            }
            // A blank line has no business at the top of a page.
            if page.is_empty() && slot.line.is_none() && not_first {
                continue;
            }
            page.push(slot);
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(spec: &[(bool, bool)]) -> Vec<Slot<usize>> {
        spec.iter()
            .enumerate()
            .map(|(i, &(text, keep))| Slot {
                paragraph: i,
                new_page: false,
                line: text.then_some(i),
                keep_with_next: keep,
                repeat: Vec::new(),
                frame: Frame::Upright,
            })
            .collect()
    }

    #[test]
    fn twenty_two_lines_a_page() {
        let pages = paginate(slots(&[(true, false); 50]));
        let lens: Vec<usize> = pages.iter().map(|p| p.0.len()).collect();
        assert_eq!(lens, [22, 22, 6]);
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let mut spec = vec![(true, false); 21];
        spec.push((true, true)); // heading on line 22
        spec.push((true, false));
        let pages = paginate(slots(&spec));
        assert_eq!(pages[0].0.len(), 21);
        assert_eq!(pages[1].0[0].line, Some(21));
        assert!(pages[1].1, "the second page starts early");
    }

    #[test]
    fn a_row_beginning_a_page_brings_the_header() {
        // A header line kept with row 1, then 30 one-line rows offering the header again.
        let mut spec = slots(&[(true, true)]);
        spec.extend(slots(&[(true, false); 30]));
        for (i, s) in spec.iter_mut().enumerate().skip(2) {
            s.paragraph = i;
            s.repeat = slots(&[(true, true)]);
            s.repeat[0].paragraph = 1000;
        }
        let pages = paginate(spec);
        assert_eq!(pages[0].0.len(), 22);
        assert_eq!(pages[1].0[0].paragraph, 1000, "the header opens page 2");
        assert_eq!(pages[1].0[1].paragraph, 22, "then the row that did not fit");
        assert_eq!(pages[1].0.len(), 1 + 31 - 22);
    }

    #[test]
    fn a_turned_run_has_pages_of_its_own_of_fifteen_lines() {
        // 3 upright lines, 20 turned, 2 upright.
        let mut spec = slots(&[(true, false); 25]);
        for s in &mut spec[3..23] {
            s.frame = Frame::Turned;
        }
        let pages = paginate(spec);
        let shape: Vec<(usize, Frame)> = pages.iter().map(|p| (p.0.len(), p.0[0].frame)).collect();
        assert_eq!(
            shape,
            [
                (3, Frame::Upright),
                (15, Frame::Turned),
                (5, Frame::Turned),
                (2, Frame::Upright),
            ]
        );
        assert!(pages[1].1 && pages[3].1, "a turn begins a page early");
    }

    #[test]
    fn a_keep_chain_ends_where_the_frame_turns() {
        // A kept upright line before a turned line does not drag it onto the turned page.
        let mut spec = slots(&[(true, true), (true, true), (true, false)]);
        spec[2].frame = Frame::Turned;
        let pages = paginate(spec);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].0.len(), 2);
        assert_eq!(pages[1].0[0].frame, Frame::Turned);
    }

    #[test]
    fn blank_lines_do_not_open_a_page() {
        let mut spec = vec![(true, false); 22];
        spec.push((false, false));
        spec.push((true, false));
        let pages = paginate(slots(&spec));
        assert_eq!(pages[1].0.len(), 1);
    }
}
