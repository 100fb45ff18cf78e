//! A time limit on reading each request's head (its request line and headers), which
//! poem does not offer: a client that opens connections and sends a header byte now and
//! then ("slowloris") keeps an idle timeout from firing, and would hold its connections
//! for as long as it likes.
//!
//! Each accepted connection is wrapped: from the moment it opens, and again after each
//! response, the client has `limit` to send a complete head (the bytes up to the first
//! blank line, `\r\n\r\n`); past it, reading fails with `TimedOut` and the connection is
//! closed. Bodies are not timed here: the request time limit covers them.

use std::{
    io,
    pin::Pin,
    task::{Context, Poll},
    time::Duration,
};

use poem::{
    http::uri::Scheme,
    listener::Acceptor,
    web::{LocalAddr, RemoteAddr},
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    time::{Instant, Sleep},
};

/// Wraps every connection `inner` accepts in a [`HeadDeadline`].
pub(super) struct HeadTimeoutAcceptor<A> {
    inner: A,
    limit: Duration,
}

impl<A> HeadTimeoutAcceptor<A> {
    pub(super) fn new(inner: A, limit: Duration) -> Self {
        Self { inner, limit }
    }
}

impl<A: Acceptor> Acceptor for HeadTimeoutAcceptor<A> {
    type Io = HeadDeadline<A::Io>;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.inner.local_addr()
    }

    async fn accept(&mut self) -> io::Result<(Self::Io, LocalAddr, RemoteAddr, Scheme)> {
        let (io, local, remote, scheme) = self.inner.accept().await?;
        Ok((HeadDeadline::new(io, self.limit), local, remote, scheme))
    }
}

/// A connection whose client must finish each request head within a time limit.
pub(super) struct HeadDeadline<T> {
    inner: T,
    limit: Duration,
    /// Running while a head is awaited; `None` once it has arrived.
    deadline: Option<Pin<Box<Sleep>>>,
    /// How many bytes of `\r\n\r\n` the bytes read so far end with.
    matched: usize,
}

const BLANK_LINE: &[u8; 4] = b"\r\n\r\n";

impl<T> HeadDeadline<T> {
    fn new(inner: T, limit: Duration) -> Self {
        Self {
            inner,
            limit,
            deadline: Some(Box::pin(tokio::time::sleep(limit))),
            matched: 0,
        }
    }

    /// Follows `bytes` through the search for the blank line that ends a head.
    fn scan(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.matched = if byte == BLANK_LINE[self.matched] {
                self.matched + 1
            } else if byte == b'\r' {
                1
            } else {
                0
            };
            if self.matched == BLANK_LINE.len() {
                self.deadline = None;
                self.matched = 0;
                return;
            }
        }
    }

    /// A response is being written: the next request's head is awaited from now.
    fn await_next_head(&mut self) {
        let at = Instant::now() + self.limit;
        match &mut self.deadline {
            Some(sleep) => sleep.as_mut().reset(at),
            None => self.deadline = Some(Box::pin(tokio::time::sleep_until(at))),
        }
        self.matched = 0;
    }
}

fn timed_out(limit: Duration) -> io::Error {
    io::Error::new(
        io::ErrorKind::TimedOut,
        format!(
            "the request head was not complete within {} ms",
            limit.as_millis()
        ),
    )
}

impl<T: AsyncRead + Unpin> AsyncRead for HeadDeadline<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        // A client that trickles bytes is never `Pending` for long: check the time first.
        if this
            .deadline
            .as_ref()
            .is_some_and(|sleep| sleep.is_elapsed())
        {
            return Poll::Ready(Err(timed_out(this.limit)));
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if this.deadline.is_some() {
                    let new = buf.filled()[before..].to_vec();
                    this.scan(&new);
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => {
                // The sleep's waker is this task's: it wakes the read when time is up.
                let expired = this
                    .deadline
                    .as_mut()
                    .is_some_and(|sleep| sleep.as_mut().poll(cx).is_ready());
                if expired {
                    Poll::Ready(Err(timed_out(this.limit)))
                } else {
                    Poll::Pending
                }
            }
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for HeadDeadline<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        let written = Pin::new(&mut this.inner).poll_write(cx, buf);
        // An interim `100 Continue` comes before the body is read, not after a response.
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) && !buf.starts_with(b"HTTP/1.1 100 ") {
            this.await_next_head();
        }
        written
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        let first = bufs
            .iter()
            .find(|b| !b.is_empty())
            .map_or(&[][..], |b| &b[..]);
        let interim = first.starts_with(b"HTTP/1.1 100 ");
        let written = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) && !interim {
            this.await_next_head();
        }
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_line_split_across_reads_ends_the_head() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .ok();
        let Some(rt) = rt else {
            panic!("a runtime");
        };
        rt.block_on(async {
            let mut head = HeadDeadline::new((), Duration::from_secs(1));
            head.scan(b"GET / HTTP/1.1\r\nHost: x\r");
            assert!(head.deadline.is_some());
            head.scan(b"\n\r");
            assert!(head.deadline.is_some());
            head.scan(b"\n");
            assert!(head.deadline.is_none(), "the head is complete");
            head.await_next_head();
            assert!(head.deadline.is_some(), "the next head is awaited");
            // `\r\r\n\r\n` still ends a head.
            head.scan(b"X: y\r\r\n\r\n");
            assert!(head.deadline.is_none());
        });
    }
}
