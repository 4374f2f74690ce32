import Wiretrace

/// What one outlet took from one agency (or published as a story's source), rolled up from the
/// stories of the index: ``MirrorIndex/outlets(_:)``.
public struct OutletSummary: Sendable, Codable, Hashable {
    public var outlet: String
    /// The agency of the stories (their likely source's), or `nil` for stories with none.
    public var agency: String?
    /// Stories in which the outlet has a copy that is not the likely source.
    public var storiesTaken: Int
    /// Its copies in those stories.
    public var copies: Int
    /// Stories whose likely source is the outlet's copy.
    public var storiesSourced: Int
    /// The median time from the source's publication to the outlet's copy, over the copies
    /// with both times (negative when the copy carries an earlier time than its source).
    public var medianDelaySeconds: Int64?
    /// Silent edits among the versions of the outlet's documents in these stories.
    public var silentEdits: Int

    private enum CodingKeys: String, CodingKey { case outlet, agency, storiesTaken, copies, storiesSourced, medianDelaySeconds, silentEdits }

    /// Absent values are written as `null`, not left out: every row has every field.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outlet, forKey: .outlet)
        try container.encode(agency, forKey: .agency)
        try container.encode(storiesTaken, forKey: .storiesTaken)
        try container.encode(copies, forKey: .copies)
        try container.encode(storiesSourced, forKey: .storiesSourced)
        try container.encode(medianDelaySeconds, forKey: .medianDelaySeconds)
        try container.encode(silentEdits, forKey: .silentEdits)
    }
}

extension MirrorIndex {
    /// The index's stories rolled up by outlet and agency, the outlets with the most copies
    /// first. `filter`'s outlet and agency choose rows; its window (`since`, `until`, `basis`)
    /// chooses copies, by their own times; its limit is not used.
    public func outlets(_ filter: StoryFilter = StoryFilter()) throws(IndexError) -> [OutletSummary] {
        try read { db in
            // Columns by position: outlet, agency, story, isSource, published, sourcePublished, silentEdits.
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT COALESCE(d.outlet, d.site) AS outlet, s.agency AS agency, d.storyId AS story,
                       d.id = s.sourceDocumentId AS isSource, \(StoryFilter.TimeBasis.published.sql("v")) AS published,
                       (SELECT \(StoryFilter.TimeBasis.published.sql("sv")) FROM document sd JOIN version sv ON sv.id = sd.currentVersionId
                        WHERE sd.id = s.sourceDocumentId) AS sourcePublished,
                       (SELECT COUNT(*) FROM version ev WHERE ev.documentId = d.id AND ev.silentEdit = 1) AS silentEdits
                FROM document d JOIN story s ON s.id = d.storyId JOIN version v ON v.id = d.currentVersionId
                WHERE s.size > 1 AND s.mergedInto IS NULL AND \(filter.basis.sql("v")) BETWEEN ? AND ?
                """, arguments: [filter.since?.secondsSince1970 ?? Int64.min, filter.until?.secondsSince1970 ?? Int64.max])
            struct Key: Hashable { var outlet: String; var agency: String? }
            var taken: [Key: Set<Int64>] = [:], sourced: [Key: Set<Int64>] = [:]
            var copies: [Key: Int] = [:], silent: [Key: Int] = [:], delays: [Key: [Int64]] = [:]
            let agency = filter.agency.map { Agencies.agency(named: $0) ?? $0 }?.lowercased()
            for row in rows {
                let key = Key(outlet: row[0], agency: row[1])
                if let wanted = filter.outlet?.lowercased(), !key.outlet.lowercased().contains(wanted) { continue }
                if let agency, key.agency?.lowercased() != agency { continue }
                let story: Int64 = row[2]
                silent[key, default: 0] += row[6] as Int
                if (row[3] as Bool?) ?? false {
                    sourced[key, default: []].insert(story)
                    continue
                }
                taken[key, default: []].insert(story)
                copies[key, default: 0] += 1
                if let copy = row[4] as Int64?, let source = row[5] as Int64? {
                    delays[key, default: []].append(copy - source)
                }
            }
            let keys = Set(taken.keys).union(sourced.keys)
            return keys.map { key in
                let sorted = (delays[key] ?? []).sorted()
                return OutletSummary(outlet: key.outlet, agency: key.agency, storiesTaken: taken[key]?.count ?? 0, copies: copies[key] ?? 0,
                                     storiesSourced: sourced[key]?.count ?? 0,
                                     medianDelaySeconds: sorted.isEmpty ? nil : sorted[sorted.count / 2], silentEdits: silent[key] ?? 0)
            }.sorted { ($0.copies, $0.storiesSourced, $1.outlet, $1.agency ?? "") > ($1.copies, $1.storiesSourced, $0.outlet, $0.agency ?? "") }
        }
    }
}
