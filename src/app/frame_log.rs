//! `TOUCHMAP_FRAME_LOG=FILE`: the real window times its frames, for `scripts/frame-times.sh`,
//! which measures issue 24's frame targets in the window a user sees (Xvfb, the same software
//! renderer) rather than headless. While the log is on, the window paints frame after frame
//! without waiting for input and without vsync, so the time from one frame's start to the next's
//! is everything a frame costs: the app's `ui`, tessellation, painting and the wait for the
//! renderer in `swap_buffers`. (eframe's own `Frame::info().cpu_usage` leaves that wait out; with
//! a software renderer it is most of the frame.) One line per frame: `key` when the frame handled a
//! key press (the frame that shows what the key did), `other` otherwise, then its whole time and
//! eframe's part of it without that wait, in milliseconds.
//! Nothing is written, and nothing repaints by itself, without the variable.

use std::io::Write as _;
use std::time::Instant;

/// The open log, when the last frame started, and whether it had a key press.
pub(super) struct FrameLog {
    file: std::io::LineWriter<std::fs::File>,
    previous: Option<(Instant, bool)>,
}

impl FrameLog {
    /// Whether the variable asks for a log (the window then runs without vsync).
    pub(super) fn wanted() -> bool {
        std::env::var_os("TOUCHMAP_FRAME_LOG").is_some()
    }

    /// The log `TOUCHMAP_FRAME_LOG` names, created afresh; `None` without it (or when the file
    /// cannot be made, which is said once on standard error).
    pub(super) fn from_env() -> Option<Self> {
        let path = std::env::var_os("TOUCHMAP_FRAME_LOG")?;
        Self::create(std::path::Path::new(&path))
            .map_err(|error| {
                eprintln!(
                    "touchmap: no frame log: cannot create {}: {error}",
                    std::path::Path::new(&path).display()
                );
            })
            .ok()
    }

    fn create(path: &std::path::Path) -> std::io::Result<Self> {
        Ok(Self {
            file: std::io::LineWriter::new(std::fs::File::create(path)?),
            previous: None,
        })
    }

    /// Called as a frame starts: records the previous frame's whole time (and eframe's measure
    /// of it, `cpu_seconds`, which it reports a frame late too), notes whether this frame handles
    /// a key press, and asks for the next frame at once.
    pub(super) fn frame_starts(
        &mut self,
        ctx: &egui::Context,
        cpu_seconds: Option<f32>,
        has_key: bool,
    ) {
        let now = Instant::now();
        if let Some((started, had_key)) = self.previous {
            let kind = if had_key { "key" } else { "other" };
            let millis = now.duration_since(started).as_secs_f64() * 1000.0;
            let cpu = f64::from(cpu_seconds.unwrap_or(0.0)) * 1000.0;
            // A full disk ends the log, never the editor.
            let _ = writeln!(self.file, "{kind} {millis:.3} {cpu:.3}");
        }
        self.previous = Some((now, has_key));
        ctx.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::FrameLog;

    #[test]
    fn each_frame_is_logged_once_the_next_starts_with_its_kind_and_times() {
        let dir = tempfile::tempdir().expect("a scratch folder");
        let path = dir.path().join("frames.log");
        let ctx = egui::Context::default();
        let mut log = FrameLog::create(&path).expect("created");
        // eframe reports each frame's time in the next one (none on the first).
        log.frame_starts(&ctx, None, false);
        std::thread::sleep(std::time::Duration::from_millis(20));
        log.frame_starts(&ctx, Some(0.004), true);
        log.frame_starts(&ctx, Some(0.002), false);
        drop(log);
        let text = std::fs::read_to_string(&path).expect("written");
        let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
        assert_eq!(lines.len(), 2, "{text}");
        // The first frame had no key, took the 20 ms slept, and eframe measured 4 ms of it.
        assert_eq!(lines[0][0], "other");
        let whole: f64 = lines[0][1].parse().expect("a number");
        assert!((20.0..1000.0).contains(&whole), "{whole}");
        assert_eq!(lines[0][2], "4.000");
        // The second frame handled a key press.
        assert_eq!(lines[1][0], "key");
        assert_eq!(lines[1][2], "2.000");
        // The window asks for the next frame at once while timing.
        assert!(ctx.has_requested_repaint());
    }
}
