//! The workshop timebox.

use super::{Color32, RichText, Ui, ViewState};

/// A workshop timebox.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timer {
    /// When it started, in egui seconds.
    pub started_secs: f64,
    /// How long it runs.
    pub total_secs: f64,
}

impl Timer {
    /// Seconds left (negative when over time).
    #[must_use]
    pub fn left(&self, now_secs: f64) -> f64 {
        self.started_secs + self.total_secs - now_secs
    }

    /// "4:59", or "+0:12" over time.
    #[must_use]
    pub fn text(&self, now_secs: f64) -> String {
        let left = self.left(now_secs);
        let seconds = left.abs().ceil() as u64;
        let sign = if left < 0.0 { "+" } else { "" };
        format!("{sign}{}:{:02}", seconds / 60, seconds % 60)
    }
}

/// The timebox controls in the status bar.
pub fn timer_ui(ui: &mut Ui, view: &mut ViewState, now_secs: f64) {
    match view.timer {
        Some(timer) => {
            let colour = if timer.left(now_secs) < 0.0 {
                Color32::from_rgb(220, 40, 40)
            } else {
                ui.visuals().strong_text_color()
            };
            ui.label(
                RichText::new(format!("Timer {}", timer.text(now_secs)))
                    .color(colour)
                    .strong(),
            );
            if ui.small_button("stop").clicked() {
                view.timer = None;
            }
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        }
        None => {
            ui.menu_button("Timebox", |ui| {
                for minutes in [5.0, 10.0, 15.0, 30.0] {
                    if ui.button(format!("{minutes:.0} minutes")).clicked() {
                        view.timer = Some(Timer {
                            started_secs: now_secs,
                            total_secs: minutes * 60.0,
                        });
                        ui.close();
                    }
                }
                let id = egui::Id::unique("timer-typed");
                let mut typed: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
                ui.horizontal(|ui| {
                    let label = ui.label("Minutes");
                    ui.add(egui::TextEdit::singleline(&mut typed).desired_width(40.0))
                        .labelled_by(label.id);
                    if ui.button("Start").clicked()
                        && let Ok(Some(minutes)) = crate::numbers::parse_typed(&typed)
                        && minutes > 0.0
                        && minutes <= 600.0
                    {
                        view.timer = Some(Timer {
                            started_secs: now_secs,
                            total_secs: minutes * 60.0,
                        });
                        ui.close();
                    }
                });
                ui.data_mut(|d| d.insert_temp(id, typed));
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_count_down_and_then_over() {
        let timer = Timer {
            started_secs: 10.0,
            total_secs: 300.0,
        };
        assert_eq!(timer.text(10.0), "5:00");
        assert_eq!(timer.text(11.5), "4:59");
        assert_eq!(timer.text(322.0), "+0:12");
    }
}
