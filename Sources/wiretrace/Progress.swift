import Foundation
import WiretraceIndex

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (so cron and pipes get nothing): files, megabytes, rate and time left, at most ten times
/// a second.
final class ProgressBar {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private let started = Date()
    private var phaseStarted = Date()
    private var phase: MirrorScanner.Progress.Phase?
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: MirrorScanner.Progress) {
        guard enabled else { return }
        let now = Date()
        if progress.phase != phase { phase = progress.phase; phaseStarted = now } else if now.timeIntervalSince(lastDraw) < 0.1 && progress.done < progress.total { return }
        lastDraw = now
        let line: String
        switch progress.phase {
        case .walking: line = "walking the mirror…"
        case .reporting: line = "writing the report…"
        case .reading, .linking:
            let fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 1
            let width = 24
            let filled = Int((fraction * Double(width)).rounded(.down))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let elapsed = now.timeIntervalSince(phaseStarted)
            let rate = elapsed > 0 ? Double(progress.done) / elapsed : 0
            let left = rate > 0 ? Double(progress.total - progress.done) / rate : 0
            var parts = ["\(progress.phase == .reading ? "reading" : "linking") \(bar) \(progress.done)/\(progress.total) \(progress.phase == .reading ? "files" : "documents")"]
            if progress.phase == .reading {
                parts.append(String(format: "%.1f/%.1f MB", Double(progress.bytesDone) / 1e6, Double(progress.bytesTotal) / 1e6))
            }
            parts.append(String(format: "%.0f/s", rate))
            if progress.done < progress.total && rate > 0 { parts.append("\(Self.duration(left)) left") }
            line = parts.joined(separator: " · ")
        }
        Terminal.standardError.write("\r\u{1B}[2K" + line)
        drawn = true
    }

    func finish() {
        if drawn { Terminal.standardError.write("\r\u{1B}[2K") }
        drawn = false
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 60 ? "\(total / 60) min \(total % 60) s" : "\(total) s"
    }
}
