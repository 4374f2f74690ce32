import Foundation
import Wiretrace
import WiretraceIndex

/// A story's timeline as inline SVG: a time axis, a row per copy, its declared publication as
/// a filled dot, a copy without declared times as a hollow dot where the scan first saw it,
/// and its new versions as diamonds at their declared update (else where first seen).
struct TimelineSVG {
    let story: StorySummary
    /// The times of the story's new versions (declared update, else first seen), by document.
    let versions: [Int: [String]]

    static let width = 760, labelWidth = 180, rowHeight = 22, axisHeight = 34

    func render() -> String {
        let rows = story.timeline.map { member -> (member: StoryMember, published: Int64?, seen: Int64?, versions: [Int64]) in
            (member, member.created.flatMap(ScanHTMLReport.instant), ScanHTMLReport.instant(member.firstSeen), (versions[member.documentId] ?? []).compactMap(ScanHTMLReport.instant))
        }
        let times = rows.flatMap { [$0.published ?? $0.seen].compactMap { $0 } + $0.versions }
        guard let first = times.min(), let last = times.max() else { return "" }
        let span = Double(max(last - first, 1))
        let plot = Double(Self.width - Self.labelWidth - 20)
        func x(_ time: Int64) -> Int { Self.labelWidth + 10 + Int((Double(time - first) / span * plot).rounded()) }
        let height = rows.count * Self.rowHeight + Self.axisHeight
        var svg = "<svg class=timeline-svg role=img viewBox=\"0 0 \(Self.width) \(height)\" width=\"\(Self.width)\" height=\"\(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>Timeline of story \(story.id): who published when</title>"
        for (row, entry) in rows.enumerated() {
            let y = row * Self.rowHeight + Self.rowHeight / 2
            if entry.member.isSource { svg += "<rect x=0 y=\(y - Self.rowHeight / 2) width=\(Self.width) height=\(Self.rowHeight) class=src-row />" }
            svg += "<text x=4 y=\(y + 4) class=label>\(htmlEscaped(String(entry.member.outlet.prefix(26))))</text>"
            svg += "<line x1=\(Self.labelWidth) y1=\(y) x2=\(Self.width - 10) y2=\(y) class=row />"
            if let published = entry.published {
                svg += "<circle cx=\(x(published)) cy=\(y) r=5 class=published><title>published \(htmlEscaped(shortTime(entry.member.created)))</title></circle>"
            } else if let seen = entry.seen {
                svg += "<circle cx=\(x(seen)) cy=\(y) r=5 class=seen><title>no declared time; first seen \(htmlEscaped(shortTime(entry.member.firstSeen)))</title></circle>"
            }
            for version in entry.versions {
                let cx = x(version)
                svg += "<path d=\"M\(cx) \(y - 5)L\(cx + 5) \(y)L\(cx) \(y + 5)L\(cx - 5) \(y)Z\" class=version><title>new version</title></path>"
            }
        }
        let axis = rows.count * Self.rowHeight + 6
        svg += "<line x1=\(Self.labelWidth + 10) y1=\(axis) x2=\(Int(plot) + Self.labelWidth + 10) y2=\(axis) class=axis />"
        svg += "<text x=\(Self.labelWidth + 10) y=\(axis + 16) class=tick>\(htmlEscaped(shortTime(Timestamp(secondsSince1970: first).iso8601())))</text>"
        if last > first {
            svg += "<text x=\(Int(plot) + Self.labelWidth + 10) y=\(axis + 16) class=tick text-anchor=end>+\(htmlEscaped(PublicationOrder.durationText(last - first)))</text>"
        }
        return svg + "</svg>"
    }

    static let css = """
        .timeline-svg{max-width:100%;height:auto;margin:6px 0}.timeline-svg .label{font-size:12px;fill:var(--fg)}
        .timeline-svg .row{stroke:var(--line)}.timeline-svg .axis{stroke:var(--dim)}.timeline-svg .tick{font-size:11px;fill:var(--dim)}
        .timeline-svg .src-row{fill:var(--src)}.timeline-svg .published{fill:#3867d6}
        .timeline-svg .seen{fill:#fff;stroke:#3867d6;stroke-width:2;stroke-dasharray:2 2}.timeline-svg .version{fill:var(--warn)}
        """
}
