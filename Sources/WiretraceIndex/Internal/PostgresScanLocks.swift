/// What stands in for ``ScanLock`` on a PostgreSQL index, where several scanners write at
/// once: session-level advisory locks, which the server releases when the connection ends,
/// however the scanner ends (even under `kill -9`), so none is ever left stale.
///
/// - a **shard lock** per part of the mirror: two scanners of the same shard are refused,
///   scanners of different shards run together;
/// - a **scan lock** per scan row, held while that scan runs: a row marked running whose
///   lock can be taken belongs to a scanner that died, and is marked interrupted;
/// - the **link lock**: one link phase at a time.
enum PostgresScanLocks {
    /// "WTSH", "WTSC", "WTLK" in the high 32 bits of the 64-bit lock keys.
    private static let shardClass: Int64 = 0x5754_5348 << 32
    private static let scanClass: Int64 = 0x5754_5343 << 32
    private static let linkKey: Int64 = 0x5754_4C4B << 32

    static func shardKey(_ shard: ScanShard?) -> Int64 {
        let shard = shard ?? ScanShard(number: 1, count: 1)!
        return shardClass | Int64(shard.count) << 16 | Int64(shard.number)
    }

    static func scanKey(_ scan: Int) -> Int64 { scanClass | Int64(scan) }

    /// Takes the lock for a scan of `shard` (or the link phase), or throws who holds it.
    static func take(_ database: PostgresDatabase, shard: ScanShard?, linkOnly: Bool) throws(IndexError) {
        let key = linkOnly ? linkKey : shardKey(shard)
        let taken: Bool
        do { taken = try database.tryLock(key) } catch {
            throw IndexError(path: database.location.display, reason: .database("\(error)"))
        }
        guard taken else {
            let what = linkOnly ? "the link phase" : shard.map { "shard \($0)" } ?? "the whole mirror"
            throw IndexError(path: database.location.display, reason: .locked(holder: "another scanner holds \(what)"))
        }
    }

    static func release(_ database: PostgresDatabase, shard: ScanShard?, linkOnly: Bool) {
        database.unlock(linkOnly ? linkKey : shardKey(shard))
    }

    /// Marks `scan` as running under this connection, in the transaction that inserts its row.
    static func holdScan(_ scan: Int, _ db: any SQLConnection, _ database: PostgresDatabase) throws {
        try db.execute(sql: "SELECT pg_advisory_lock(\(scanKey(scan)))")
        database.noteLocked(scanKey(scan))
    }

    static func releaseScan(_ scan: Int, _ database: PostgresDatabase) {
        database.unlock(scanKey(scan))
    }

    /// The scans marked running whose scanner is alive (its scan lock is held elsewhere);
    /// those whose scanner died are marked interrupted on the way.
    static func liveScans(_ db: any SQLConnection) throws -> [Int] {
        var live: [Int] = []
        for id in try Int.fetchAll(db, sql: "SELECT id FROM scan WHERE status = 'running' ORDER BY id") {
            if try Bool.fetchOne(db, sql: "SELECT pg_try_advisory_lock(\(scanKey(id)))") ?? false {
                try db.execute(sql: "UPDATE scan SET status = 'interrupted' WHERE id = ?", arguments: [id])
                try db.execute(sql: "SELECT pg_advisory_unlock(\(scanKey(id)))")
            } else {
                live.append(id)
            }
        }
        return live
    }
}
