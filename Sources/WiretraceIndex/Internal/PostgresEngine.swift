import Foundation
import NIOConcurrencyHelpers
import PostgresNIO

/// Where a PostgreSQL index is: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
/// (`postgres://` too), TLS off unless `?sslmode=require`.
struct PostgresLocation: Sendable {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var requireTLS: Bool

    /// Whether `text` names a PostgreSQL index rather than a SQLite file.
    static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The URL without its password: what messages and reports show.
    var display: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    init(url text: String) throws(IndexError) {
        func bad(_ why: String) -> IndexError {
            IndexError(path: text, reason: .database("not a PostgreSQL URL (\(why)); expected postgresql://USER@HOST[:PORT]/DATABASE"))
        }
        guard Self.isURL(text), let components = URLComponents(string: text) else { throw bad("cannot be parsed") }
        guard let host = components.host, !host.isEmpty else { throw bad("no host") }
        guard let user = components.user, !user.isEmpty else { throw bad("no user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw bad("no database name") }
        if let port = components.port, !(1...65535).contains(port) { throw bad("port out of range") }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "require"].contains(mode) else { throw bad("sslmode must be disable or require") }
        self.host = host
        port = components.port ?? 5432
        self.user = user
        password = components.password
        self.database = database
        requireTLS = mode == "require"
    }
}

/// One connection to a PostgreSQL index, used synchronously.
///
/// The scan pipeline is synchronous (worker threads parse; one thread writes batches), so
/// the bridge is postgres-nio's `EventLoopFuture` interface waited on from the calling
/// thread: the connection's I/O runs on NIO's own event loop thread, and the caller blocks
/// as it would on a SQLite call. No Swift concurrency task is involved, so the cooperative
/// pool is never blocked. Callers are never on an event loop (the CLI's commands and the
/// scanner's threads are plain threads), which `wait()` requires.
///
/// One transaction at a time: a lock serializes them, as SQLite's queue does. A connection
/// found lost when a transaction begins (the server restarted, an administrator ended the
/// session) is opened again, and the advisory locks it held are taken again; one lost in the
/// middle of a transaction fails that transaction, whose work is rolled back whole.
final class PostgresDatabase: Sendable {
    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let connection: NIOLockedValueBox<PostgresConnection>
    /// Session-level advisory locks this process holds, to take again after a reconnection.
    private let heldLocks = NIOLockedValueBox<Set<Int64>>([])
    private static let logger = Logger(label: "wiretrace.postgresql")
    /// Tries of a connection, 0.5, 1 and 2 s apart.
    static let connectAttempts = 4

    init(_ location: PostgresLocation) throws(IndexError) {
        self.location = location
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        if location.requireTLS {
            do {
                configuration.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            } catch {
                throw IndexError(path: location.display, reason: .database("cannot set up TLS: \(error)"))
            }
        }
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
        connection = NIOLockedValueBox(try Self.connect(configuration, location))
    }

    /// Connects, trying again while the server cannot be reached: a server restarting or a
    /// network hiccup should not fail a night's scan. A server that answers no (wrong user,
    /// no such database) is not asked again.
    private static func connect(_ configuration: PostgresConnection.Configuration, _ location: PostgresLocation) throws(IndexError) -> PostgresConnection {
        var attempt = 0
        while true {
            do {
                return try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                      id: 1, logger: logger).wait()
            } catch let error as PSQLError where error.serverInfo != nil {
                throw IndexError(path: location.display, reason: .database("cannot connect: \(describe(error))"))
            } catch {
                attempt += 1
                if attempt >= connectAttempts {
                    throw IndexError(path: location.display, reason: .database("cannot connect after \(connectAttempts) attempts: \(describe(error))"))
                }
                usleep(UInt32(500_000 << (attempt - 1)))
            }
        }
    }

    deinit {
        try? connection.withLockedValue { $0 }.close().wait()
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// A read is one consistent snapshot, as a SQLite read transaction is.
    func transaction<T>(readOnly: Bool, _ body: (PostgresSQLConnection) throws -> T) throws -> T {
        try connection.withLockedValue { connection in
            // A session the server ended while this process was busy elsewhere: a statement
            // sent on it would wait for an answer that never comes.
            if connection.isClosed { connection = try reconnect() }
            var db = PostgresSQLConnection(connection: connection, logger: Self.logger)
            let begin = readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN"
            do {
                try db.begin(begin)
            } catch let error as PostgresIndexError where error.connectionLost {
                // Nothing of the transaction ran yet: it can start again on a new connection.
                connection = try reconnect()
                db = PostgresSQLConnection(connection: connection, logger: Self.logger)
                try db.begin(begin)
            }
            do {
                let result = try body(db)
                try db.execute(sql: "COMMIT")
                try db.finish()
                return result
            } catch {
                try? db.finish()
                try? db.execute(sql: "ROLLBACK")
                try? db.finish()
                throw error
            }
        }
    }

    /// Takes the session-level advisory lock `key` unless another session holds it.
    func tryLock(_ key: Int64) throws -> Bool {
        let taken = try transaction(readOnly: false) { db in try Bool.fetchOne(db, sql: "SELECT pg_try_advisory_lock(\(key))") ?? false }
        if taken { heldLocks.withLockedValue { _ = $0.insert(key) } }
        return taken
    }

    /// Notes a lock taken by a statement of a transaction (``tryLock(_:)`` takes its own).
    func noteLocked(_ key: Int64) {
        heldLocks.withLockedValue { _ = $0.insert(key) }
    }

    func unlock(_ key: Int64) {
        heldLocks.withLockedValue { _ = $0.remove(key) }
        _ = try? transaction(readOnly: false) { db in try db.execute(sql: "SELECT pg_advisory_unlock(\(key))") }
    }

    /// A new connection, holding again the locks the lost one held.
    private func reconnect() throws(IndexError) -> PostgresConnection {
        let connection = try Self.connect(configuration, location)
        let db = PostgresSQLConnection(connection: connection, logger: Self.logger)
        for key in heldLocks.withLockedValue({ $0 }) {
            let taken = (try? Bool.fetchOne(db, sql: "SELECT pg_try_advisory_lock(\(key))")) ?? nil
            if taken != true {
                try? connection.close().wait()
                throw IndexError(path: location.display, reason: .database(
                    "lost the connection to the server, and with it a scan lock, which another scanner has taken since; the batches committed so far are kept"))
            }
        }
        return connection
    }

    /// The server's message when it sent one, else the client's error.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + code
            }
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
        return "\(error)"
    }
}

/// The PostgreSQL engine behind ``SQLConnection``: statements written with `?` are sent
/// with `$1`, `$2`... in their place.
///
/// A statement whose result is not needed (``execute(sql:arguments:)``) is queued on the
/// connection without waiting for it: a batch's inserts and updates then cost the scanner
/// no wait each. Anything that reads waits for every statement queued before it and fails
/// with the first one's error, and so does the end of the transaction (``finish()``).
struct PostgresSQLConnection: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    private let queued = Queued()

    /// Statements sent and not yet waited for, with their text for messages. Used by the
    /// one thread that runs the transaction.
    private final class Queued {
        var statements: [(EventLoopFuture<PostgresQueryResult>, String)] = []
    }

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    var dialect: SQLDialect { .postgresql }

    func execute(sql: String, arguments: SQLArguments) throws {
        let (query, numbered) = Self.query(sql, arguments.sqlValues)
        queued.statements.append((connection.query(query, logger: logger), numbered))
        // Bounded, so that a long transaction does not hold every result in memory.
        if queued.statements.count >= 256 { try finish() }
    }

    /// Waits for the queued statements, throwing the first failure.
    func finish() throws {
        let statements = queued.statements
        queued.statements = []
        var first: PostgresIndexError?
        for (future, sql) in statements {
            do { _ = try future.wait() } catch {
                if first == nil { first = failure(error, sql) }
            }
        }
        if let first { throw first }
    }

    private func failure(_ error: any Error, _ sql: String) -> PostgresIndexError {
        let lost = (error as? PSQLError).map { [.serverClosedConnection, .clientClosedConnection].contains($0.code) } ?? false
        return PostgresIndexError.statement(PostgresDatabase.describe(error), sql: String(sql.prefix(200)), connectionLost: lost || connection.isClosed)
    }

    /// Starts a transaction, giving up after 30 s: `BEGIN` never waits for a lock, so a
    /// server that does not answer it is gone (a connection the server ended at the very
    /// moment the statement left), and the connection is closed so as to start again.
    func begin(_ sql: String) throws {
        let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        let timeout = connection.eventLoop.scheduleTask(in: .seconds(30)) {
            promise.fail(PostgresIndexError.noAnswer)
        }
        connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).cascade(to: promise)
        do {
            _ = try promise.futureResult.wait()
            timeout.cancel()
        } catch {
            timeout.cancel()
            let closing: EventLoopFuture<Void> = connection.close()
            closing.whenComplete { _ in }
            throw PostgresIndexError.statement(PostgresDatabase.describe(error), sql: sql, connectionLost: true)
        }
    }

    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        for row in try run(sql, arguments.sqlValues).rows {
            try body(SQLRow(values: try row.map(Self.value)))
        }
    }

    func insert(sql: String, arguments: SQLArguments) throws -> Int64 {
        let result = try run(sql + " RETURNING id", arguments.sqlValues)
        guard let first = result.rows.first, let id = Int64(sqlValue: try Self.value(first.makeRandomAccess()[0])) else {
            throw PostgresIndexError.noIDReturned
        }
        return id
    }

    /// Rows go as two arrays, unnested by the server: one statement per 50,000 rows rather
    /// than one per row.
    func insertPostings(_ rows: [(Int64, Int64)]) throws {
        try inChunks(rows) { hashes, documents in
            """
            INSERT INTO posting(hash, documentId) SELECT * FROM UNNEST(\(hashes)::int8[], \(documents)::int8[])
            ON CONFLICT DO NOTHING
            """
        }
    }

    func deletePostings(_ rows: [(Int64, Int64)]) throws {
        try inChunks(rows) { hashes, documents in
            """
            DELETE FROM posting p USING UNNEST(\(hashes)::int8[], \(documents)::int8[]) AS gone(hash, documentId)
            WHERE p.hash = gone.hash AND p.documentId = gone.documentId
            """
        }
    }

    /// Decoded as the rows arrive, on the connection's event loop, into two arrays: the
    /// posting table's millions of rows are never held as rows.
    func forEachIntegerPair(sql: String, arguments: SQLArguments, _ body: (Int64, Int64) -> Void) throws {
        final class Pairs: @unchecked Sendable {
            // Written only by the event loop's callbacks, read only after the query's future
            // completed, which orders the two.
            var first: [Int64] = [], second: [Int64] = []
        }
        let pairs = Pairs()
        let (query, numbered) = Self.query(sql, arguments.sqlValues)
        let future = connection.query(query, logger: logger) { row in
            let (a, b) = try row.decode((Int64, Int64).self)
            pairs.first.append(a)
            pairs.second.append(b)
        }
        try finish()
        do { _ = try future.wait() } catch { throw failure(error, numbered) }
        for (a, b) in zip(pairs.first, pairs.second) { body(a, b) }
    }

    private func inChunks(_ rows: [(Int64, Int64)], _ sql: (String, String) -> String) throws {
        for start in stride(from: 0, to: rows.count, by: 50_000) {
            let chunk = rows[start..<min(start + 50_000, rows.count)]
            var bindings = PostgresBindings()
            bindings.append(chunk.map(\.0))
            bindings.append(chunk.map(\.1))
            _ = try send(PostgresQuery(unsafeSQL: sql("$1", "$2"), binds: bindings), sql: sql("$1", "$2"))
        }
    }

    private func run(_ sql: String, _ values: [SQLValue]) throws -> PostgresQueryResult {
        let (query, numbered) = Self.query(sql, values)
        return try send(query, sql: numbered)
    }

    private static func query(_ sql: String, _ values: [SQLValue]) -> (PostgresQuery, String) {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .real(let real): bindings.append(real)
            case .text(let text): bindings.append(text)
            case .blob(let blob): bindings.append(ByteBuffer(bytes: blob))
            }
        }
        let numbered = numberingPlaceholders(sql)
        return (PostgresQuery(unsafeSQL: numbered, binds: bindings), numbered)
    }

    /// Sends `query` behind the queued statements and waits for it and for them.
    private func send(_ query: PostgresQuery, sql: String) throws -> PostgresQueryResult {
        let future = connection.query(query, logger: logger)
        try finish()
        do {
            return try future.wait()
        } catch {
            throw failure(error, sql)
        }
    }

    /// `?` placeholders numbered `$1`, `$2`...: outside quoted text, where the index's
    /// statements never put a question mark.
    static func numberingPlaceholders(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0, quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int8, .int4, .int2: return .integer(try cell.decode(Int64.self))
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            case .float8, .float4: return .real(try cell.decode(Double.self))
            // SUM of integers is NUMERIC: an integer when it is one (as SQLite gives it).
            case .numeric:
                let number = try cell.decode(Decimal.self)
                let integer = NSDecimalNumber(decimal: number).int64Value
                return Decimal(integer) == number ? .integer(integer) : .real(NSDecimalNumber(decimal: number).doubleValue)
            case .bytea: return .blob(Data(try cell.decode(ByteBuffer.self).readableBytesView))
            default: return .text(try cell.decode(String.self))
            }
        } catch let error as PostgresIndexError {
            throw error
        } catch {
            throw PostgresIndexError.statement("column \(cell.columnName) of type \(cell.dataType) cannot be read: \(String(reflecting: error))",
                                               sql: "", connectionLost: false)
        }
    }
}

extension PostgresRow {
    fileprivate func map(_ transform: (PostgresCell) throws -> SQLValue) throws -> [SQLValue] {
        var values: [SQLValue] = []
        for cell in self { values.append(try transform(cell)) }
        return values
    }
}

/// What went wrong in a statement sent to PostgreSQL.
enum PostgresIndexError: Error, CustomStringConvertible {
    case statement(String, sql: String, connectionLost: Bool)
    case noIDReturned
    case noAnswer

    var connectionLost: Bool {
        if case .statement(_, _, true) = self { return true }
        return false
    }

    var description: String {
        switch self {
        case .statement(let message, let sql, let lost):
            (lost ? "lost the connection to the server (the batches committed so far are kept; run the scan again): " : "")
                + "\(message), in: \(sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))"
        case .noIDReturned: "an INSERT returned no id"
        case .noAnswer: "the server did not answer for 30 s"
        }
    }
}
