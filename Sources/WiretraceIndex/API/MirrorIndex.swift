import Foundation
import GRDB
import Wiretrace
import WiretraceFormats

/// The index of a mirror: one SQLite file (WAL mode), or one PostgreSQL database that many
/// scanners share, holding every file, document, version, posting, link and story the scans
/// have seen. Both engines hold the same tables (``Schema``) and answer the same statements
/// (``SQLConnection``).
///
/// Opening for a scan checks that the file is a Wiretrace index and that its schema is one
/// this build knows, then applies any pending migration; opening for queries
/// (``init(readOnlyAt:)``) checks the same and changes nothing. Reading is safe while a scan runs (WAL readers
/// never block the writer); only one scan at a time may write (see ``MirrorScanner``).
public final class MirrorIndex: Sendable {
    /// The index file, or the PostgreSQL URL without its password.
    public let path: String
    let engine: Engine

    enum Engine: Sendable {
        case sqlite(DatabaseQueue)
        case postgresql(PostgresDatabase)
    }

    /// Whether the index is a PostgreSQL database (shared by many scanners) rather than a file.
    public var isShared: Bool {
        if case .postgresql = engine { return true }
        return false
    }

    /// Whether `location` names a PostgreSQL index (`postgresql://...`) rather than a file.
    public static func isPostgresURL(_ location: String) -> Bool { PostgresLocation.isURL(location) }

    /// The folder and file name of the index inside a mirror: `MIRROR/.wiretrace/index.sqlite`.
    public static let folderName = ".wiretrace"
    public static let fileName = "index.sqlite"

    /// The embedded index of `mirror`.
    public static func defaultPath(forMirror mirror: String) -> String {
        (mirror as NSString).appendingPathComponent(folderName + "/" + fileName)
    }

    /// The embedded index of `path` or of the nearest folder above it that has one.
    public static func locate(from path: String) -> String? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            folder.deleteLastPathComponent()
        }
        while true {
            let candidate = folder.appendingPathComponent(folderName + "/" + fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            if folder.path == "/" || folder.path.isEmpty { return nil }
            folder.deleteLastPathComponent()
        }
    }

    /// Opens the index at `path`, creating it (and its folder) when `create` is set. A
    /// `postgresql://` URL opens that database, creating the tables when `create` is set.
    public init(path: String, create: Bool) throws(IndexError) {
        if PostgresLocation.isURL(path) {
            let database = try PostgresDatabase(PostgresLocation(url: path))
            self.path = database.location.display
            engine = .postgresql(database)
            try Self.checkPostgres(database, migrate: create)
            return
        }
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw IndexError(path: path, reason: .missing) }
        try Self.requireRegularFile(path)
        do {
            // A bare file name (`--index x.sqlite`) is in the current folder, which exists.
            let folder = (path as NSString).deletingLastPathComponent
            if !exists && !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw IndexError(path: path, reason: .database("cannot open: \(error)"))
        }
        // Another process may be creating the same index at this moment (a second scan, or a
        // query polling an index a scan is creating). Switching a new file to WAL can then
        // find it locked, and both may run the migrations: each migration is one transaction,
        // so the loser's rolls back whole; on a retry the winner's is applied and nothing is
        // left to do.
        engine = .sqlite(try Self.retryingRaces { () throws(IndexError) in try Self.openQueue(path) })
        try Self.retryingRaces { () throws(IndexError) in try check() }
    }

    /// Opens the index at `path` for queries only: read-only, so it works on an index the
    /// user may not write, and it changes nothing: no switch to WAL, no migration. A file that
    /// is not a Wiretrace index (another application's database, an empty file) or whose
    /// schema is not this build's is refused as it is.
    public init(readOnlyAt path: String) throws(IndexError) {
        if PostgresLocation.isURL(path) {
            let database = try PostgresDatabase(PostgresLocation(url: path))
            self.path = database.location.display
            engine = .postgresql(database)
            try Self.checkPostgres(database, migrate: false)
            return
        }
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw IndexError(path: path, reason: .missing) }
        try Self.requireRegularFile(path)
        engine = .sqlite(try Self.openForReading(path))
        // A scan may be creating this index at this moment: its schema is then not there yet,
        // or not wholly. Such an index already has its write-ahead log; another file does not.
        var attempt = 0
        while true {
            do throws(IndexError) {
                try Self.retryingRaces { () throws(IndexError) in try checkReadOnly() }
                return
            } catch let error where attempt < 40 && error.mayBeBeingCreated && FileManager.default.fileExists(atPath: path + "-wal") {
                attempt += 1
                usleep(50_000)
            }
        }
    }

    /// A read-only connection. An index in WAL mode needs its `-shm` file even to be read;
    /// when the last writer has closed it, that file is gone, and a user who may not write the
    /// folder cannot make it. Such an index is then opened as immutable: no process this
    /// user can see is writing it (a scan keeps the `-shm` file while it runs).
    private static func openForReading(_ path: String) throws(IndexError) -> DatabaseQueue {
        do throws(IndexError) {
            let queue = try retryingRaces { () throws(IndexError) in try openQueue(path, readOnly: true) }
            do { _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") } } catch {
                throw IndexError(path: path, reason: .database("cannot open: \(error)"))
            }
            return queue
        } catch {
            let folder = (path as NSString).deletingLastPathComponent
            guard case .database = error.reason, access(folder.isEmpty ? "." : folder, W_OK) != 0,
                  !FileManager.default.fileExists(atPath: path + "-shm") else { throw error }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "?#%")
            let uri = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
            return try openQueue(uri, readOnly: true)
        }
    }

    /// The SQLite queue; only the SQLite checks, run before any PostgreSQL path, use it.
    private var queue: DatabaseQueue {
        guard case .sqlite(let queue) = engine else { preconditionFailure("a SQLite check on a PostgreSQL index") }
        return queue
    }

    private func checkReadOnly() throws(IndexError) {
        do {
            try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if applicationID != Schema.applicationID { throw IndexError(path: path, reason: .notAnIndex) }
                let applied = try Schema.migrator.appliedIdentifiers(db)
                let unknown = applied.subtracting(Schema.knownMigrations)
                if !unknown.isEmpty { throw IndexError(path: path, reason: .newerSchema(found: unknown.sorted())) }
                let missing = Schema.knownMigrations.subtracting(applied)
                if !missing.isEmpty { throw IndexError(path: path, reason: .olderSchema(missing: missing.sorted())) }
            }
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw IndexError(path: path, reason: .notAnIndex)
        } catch {
            throw IndexError(path: path, reason: .database("\(error)"))
        }
    }

    /// An index is a regular file: SQLite would take `/dev/null` or a FIFO for an empty
    /// database, and put its journal and the scan's lock beside it.
    private static func requireRegularFile(_ path: String) throws(IndexError) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG else { return }
        throw IndexError(path: path, reason: .database("\(ArticleFile.kindName(mode: info.st_mode)), not an index file"))
    }

    private static func openQueue(_ path: String, readOnly: Bool = false) throws(IndexError) -> DatabaseQueue {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.readonly = readOnly
            configuration.prepareDatabase { db in
                if !readOnly {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                }
                try db.execute(sql: "PRAGMA cache_size = -262144")
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw IndexError(path: path, reason: .notAnIndex)
        } catch {
            throw IndexError(path: path, reason: .database("cannot open: \(error)"))
        }
    }

    /// `body`, run again (up to 40 times, 50 ms apart) while it fails as a concurrent
    /// creation of the same index can make it fail.
    private static func retryingRaces<T>(_ body: () throws(IndexError) -> T) throws(IndexError) -> T {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error where attempt < 40 && error.isDatabaseRace {
                attempt += 1
                usleep(50_000)
            }
        }
    }

    private func check() throws(IndexError) {
        do {
            // One immediate transaction: another connection creating the same index cannot set
            // the application id and create tables between these reads (which read as "tables
            // but no id": another application's database).
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                    let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
                    if applicationID != Schema.applicationID {
                        if tables > 0 { throw IndexError(path: path, reason: .notAnIndex) }
                        try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                    }
                    let applied = try Schema.migrator.appliedIdentifiers(db)
                    let unknown = applied.subtracting(Schema.knownMigrations)
                    if !unknown.isEmpty { throw IndexError(path: path, reason: .newerSchema(found: unknown.sorted())) }
                    return .commit
                }
            }
            try Schema.migrator.migrate(queue)
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw IndexError(path: path, reason: .notAnIndex)
        } catch {
            throw IndexError(path: path, reason: .database("\(error)"))
        }
    }

    /// Runs `body` in a read transaction, mapping database errors to ``IndexError``.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws(IndexError) -> T {
        try transaction(readOnly: true, body)
    }

    /// Runs `body` in a write transaction, mapping database errors to ``IndexError``.
    func write<T>(_ body: (any SQLConnection) throws -> T) throws(IndexError) -> T {
        try transaction(readOnly: false, body)
    }

    private func transaction<T>(readOnly: Bool, _ body: (any SQLConnection) throws -> T) throws(IndexError) -> T {
        do {
            switch engine {
            case .sqlite(let queue):
                return readOnly ? try queue.read { db in try body(SQLiteConnection(db: db)) }
                    : try queue.write { db in try body(SQLiteConnection(db: db)) }
            case .postgresql(let database): return try database.transaction(readOnly: readOnly, body)
            }
        } catch let error as IndexError { throw error } catch {
            throw IndexError(path: path, reason: .database("\(error)"))
        }
    }

    /// The table PostgreSQL keeps applied migrations in (GRDB's own in SQLite).
    static let postgresMigrationsTable = "wiretrace_migrations"

    /// Checks that the database is a Wiretrace index whose schema this build knows, and with
    /// `migrate` applies what is missing (creating the tables in a database without any).
    /// Concurrent scanners opening one new database at once take turns on a transaction
    /// lock, so the tables are created once.
    private static func checkPostgres(_ database: PostgresDatabase, migrate: Bool) throws(IndexError) {
        let display = database.location.display
        do {
            try database.transaction(readOnly: false) { db in
                if migrate { try db.execute(sql: "SELECT pg_advisory_xact_lock(\(Schema.applicationID))") }
                let tables = try String.fetchAll(db, sql: "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                if !tables.contains(postgresMigrationsTable) {
                    // Tables but not ours: another application's database, never written into.
                    if !tables.isEmpty { throw IndexError(path: display, reason: .notAnIndex) }
                    guard migrate else { throw IndexError(path: display, reason: .missing) }
                    try db.execute(sql: "CREATE TABLE \(postgresMigrationsTable) (identifier TEXT PRIMARY KEY NOT NULL)")
                }
                let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM \(postgresMigrationsTable)"))
                let unknown = applied.subtracting(Schema.knownMigrations)
                if !unknown.isEmpty { throw IndexError(path: display, reason: .newerSchema(found: unknown.sorted())) }
                let missing = Schema.knownMigrations.subtracting(applied)
                guard !missing.isEmpty else { return }
                guard migrate else { throw IndexError(path: display, reason: .olderSchema(missing: missing.sorted())) }
                for migration in Schema.migrations where missing.contains(migration.identifier) {
                    for statement in migration.statements {
                        // One statement per call: PostgreSQL takes a single statement with parameters.
                        for part in statement.components(separatedBy: ";\n") where !part.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                            try db.execute(sql: Schema.render(part, for: .postgresql))
                        }
                    }
                    try db.execute(sql: "INSERT INTO \(postgresMigrationsTable)(identifier) VALUES (?)", arguments: [migration.identifier])
                }
            }
        } catch let error as IndexError {
            throw error
        } catch {
            throw IndexError(path: display, reason: .database("\(error)"))
        }
    }

    func meta(_ key: String, _ db: any SQLConnection) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    func setMeta(_ key: String, _ value: String, _ db: any SQLConnection) throws {
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }
}

private extension IndexError {
    /// A database error that a concurrent creation of the same index can cause.
    var isDatabaseRace: Bool {
        if case .database = reason { return true }
        return false
    }

    /// What a query sees of an index a scan is creating at that moment.
    var mayBeBeingCreated: Bool {
        switch reason {
        case .notAnIndex, .olderSchema: true
        default: false
        }
    }
}
