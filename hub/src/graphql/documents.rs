//! Parsed documents by query text, so that a query sent again (a client paging with
//! variables, a dashboard asking the same question) is not parsed again.

use std::{collections::HashMap, sync::Mutex};

use async_graphql::parser::types::ExecutableDocument;

/// The most documents kept; when full, the cache starts again empty.
const MAX_DOCUMENTS: usize = 4096;
/// The most query text kept, in bytes (documents take a few times their text).
const MAX_TEXT_BYTES: usize = 8 << 20;

/// Documents that parsed, by their query text.
#[derive(Default)]
pub struct Documents {
    inner: Mutex<Kept>,
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.inner.lock().map_or(0, |kept| kept.by_text.len());
        f.debug_struct("Documents").field("kept", &kept).finish()
    }
}

#[derive(Default)]
struct Kept {
    by_text: HashMap<String, ExecutableDocument>,
    text_bytes: usize,
}

impl Documents {
    /// `request`'s parsed document: the one kept for its text, or a new parse (kept
    /// when it parses).
    pub fn parsed<'r>(
        &self,
        request: &'r mut async_graphql::Request,
    ) -> async_graphql::ServerResult<&'r ExecutableDocument> {
        if let Some(document) = self.kept(&request.query) {
            request.set_parsed_query(document);
        } else {
            let document = request.parsed_query()?.clone();
            self.keep(&request.query, document);
        }
        request.parsed_query()
    }

    fn keep(&self, text: &str, document: ExecutableDocument) {
        let Ok(mut kept) = self.inner.lock() else {
            return;
        };
        if kept.by_text.len() >= MAX_DOCUMENTS || kept.text_bytes + text.len() > MAX_TEXT_BYTES {
            *kept = Kept::default();
        }
        if kept.by_text.insert(text.to_owned(), document).is_none() {
            kept.text_bytes += text.len();
        }
    }

    fn kept(&self, text: &str) -> Option<ExecutableDocument> {
        self.inner.lock().ok()?.by_text.get(text).cloned()
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::{Request, parser::parse_query};

    use super::*;

    fn first_field(document: &ExecutableDocument) -> String {
        let operation = document.operations.iter().next().map(|(_, op)| op);
        let field = operation.and_then(|op| op.node.selection_set.node.items.first());
        match field.map(|f| &f.node) {
            Some(async_graphql::parser::types::Selection::Field(f)) => f.node.name.node.to_string(),
            _ => String::new(),
        }
    }

    #[test]
    fn a_text_seen_before_gets_the_kept_document() {
        let documents = Documents::default();
        let text = "{ regions { code } }";
        // Keep a different document under the text: only the cache can give it back.
        let planted = parse_query("{ surveys { code } }").map_err(|e| e.to_string());
        documents.keep(text, planted.expect("parses"));
        let mut request = Request::new(text);
        let given = documents.parsed(&mut request).map(first_field);
        assert_eq!(given.ok().as_deref(), Some("surveys"));
        let mut other = Request::new("{ findings { totalCount } }");
        let parsed = documents.parsed(&mut other).map(first_field);
        assert_eq!(parsed.ok().as_deref(), Some("findings"));
        assert_eq!(
            documents.inner.lock().map(|k| k.by_text.len()).ok(),
            Some(2)
        );
    }

    #[test]
    fn a_text_that_does_not_parse_is_an_error_and_is_not_kept() {
        let documents = Documents::default();
        let mut request = Request::new("{ regions { code }");
        assert!(documents.parsed(&mut request).is_err());
        assert_eq!(
            documents.inner.lock().map(|k| k.by_text.len()).ok(),
            Some(0)
        );
    }

    #[test]
    fn the_cache_starts_again_when_full() {
        let documents = Documents::default();
        for n in 0..=MAX_DOCUMENTS {
            let mut request = Request::new(format!("{{ a{n}: regions {{ code }} }}"));
            assert!(documents.parsed(&mut request).is_ok());
        }
        // The last text found the cache full: it was emptied and the text kept alone.
        assert_eq!(
            documents.inner.lock().map(|k| k.by_text.len()).ok(),
            Some(1)
        );
    }
}
