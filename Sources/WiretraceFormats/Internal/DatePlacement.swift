import Wiretrace

/// Where a visible date sits on a page, relative to the article's headline and text.
///
/// A page shows many dates: the article's, and those of the teasers in its menus, of related
/// stories, of events, of comments. The article's own date is printed by its headline: just
/// under it (a byline, a `<time>` in the header, a dateline opening the text) or just above it
/// (a kicker). So a visible date is ranked by its distance from the headline in page order:
/// dates between the headline and the end of the text come first, nearest first; dates above
/// the headline next, nearest first; dates after the text, and dates inside navigation,
/// asides, related stories, comments and the like, are not the article's and get no rank.
struct DatePlacement {
    private let scan: PageScan
    /// The headline element: the `h1` that reads as the title, else the `h1` that opens the
    /// text or stands just before it, else the first container of the text.
    let anchor: Int
    /// The last element of the article's text (the end of its last container).
    let end: Int
    private let containers: [Int]

    /// Ranks beyond this are above the headline.
    static let above = 1_000_000

    /// Negative reasons of page furniture whose dates belong to other pages or to readers. Not
    /// "advertisement": its word "banner" also names the hero block that shows the headline and date.
    private static let furniture: Set<String> = [
        "navigation", "menu", "aside", "sidebar", "comments", "related stories", "newsletter box", "popup", "cookie notice",
        "tags", "footer",
    ]

    init(scan: PageScan, containers: [Int], title: String?) {
        self.scan = scan
        self.containers = containers
        let first = containers.min() ?? 0
        var end = first
        for container in containers {
            // Elements are in page order, so a container's descendants follow it without a gap:
            // the subtree ends at the first element whose parent lies before the container.
            var last = container
            var index = container + 1
            while index < scan.elements.count, Int(scan.elements[index].parent) >= container {
                last = index
                index += 1
            }
            end = max(end, last)
        }
        self.end = end
        let titleKey = title.map(Normalization.normalize)
        let headings = scan.headings.filter { $0.element <= end }
        func readsAsTitle(_ text: String) -> Bool {
            guard let titleKey, !titleKey.isEmpty else { return false }
            let key = Normalization.normalize(text)
            return !key.isEmpty && (key == titleKey || titleKey.hasPrefix(key) || key.hasPrefix(titleKey))
        }
        let titled = headings.first { readsAsTitle($0.text) }?.element
        let opening = headings.first { $0.element >= first }?.element ?? headings.last { $0.element < first }?.element
        self.anchor = min(titled ?? opening ?? first, end)
    }

    /// The rank of a date shown by `element`: smaller is nearer the headline; `nil` for a date
    /// after the text or in furniture.
    func rank(_ element: Int) -> Int? {
        guard element >= 0, element < scan.elements.count, element <= end, !isInFurniture(element) else { return nil }
        return element >= anchor ? element - anchor : DatePlacement.above + anchor - element
    }

    /// The rank of a date shown by `element` when the page shows none where ``rank(_:)`` looks:
    /// its distance from the headline, after the text or in a layout block that reads as
    /// furniture (a "sidebar" column holding the headline and date), but never in comments,
    /// whose dates are the readers'. Always worse than any ``rank(_:)``.
    func looseRank(_ element: Int) -> Int? {
        guard element >= 0, element < scan.elements.count else { return nil }
        var current = element
        while current >= 0 {
            if scan.elements[current].negativeReason == "comments" { return nil }
            current = Int(scan.elements[current].parent)
        }
        return 2 * DatePlacement.above + (element >= anchor ? element - anchor : anchor - element)
    }

    /// Whether `element` lies inside navigation, an aside, related stories, comments... An
    /// article's own footer (inside the text's container) holds its "posted on" line and is not furniture.
    private func isInFurniture(_ element: Int) -> Bool {
        var current = element
        while current >= 0 {
            let node = scan.elements[current]
            if let reason = node.negativeReason, DatePlacement.furniture.contains(reason),
               // A layout wrapper around the text ("main-with-sidebar") is not furniture.
               !containers.contains(where: { scan.isInside($0, current) }),
               reason != "footer" || !containers.contains(where: { scan.isInside(current, $0) }) {
                return true
            }
            current = Int(node.parent)
        }
        return false
    }
}
