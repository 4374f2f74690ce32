import Foundation

/// The seam between the index's rules and its database engine: what the index needs of
/// SQL (run a statement, read rows, insert a row and learn its id, move posting rows in
/// bulk), implemented once for SQLite (``SQLiteConnection``, through GRDB) and once for
/// PostgreSQL (``PostgresConnectionBox``, through postgres-nio).
///
/// Statements are written once, in the SQL both engines accept, with `?` placeholders
/// (the PostgreSQL side numbers them). Where the dialects differ, ``SQLDialect`` has one
/// helper per difference. A connection is only ever used inside a transaction that
/// ``MirrorIndex/read(_:)`` or ``MirrorIndex/write(_:)`` opened.
protocol SQLConnection {
    var dialect: SQLDialect { get }
    func execute(sql: String, arguments: SQLArguments) throws
    /// Calls `body` with each row, in order, without keeping them all.
    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws
    /// Runs an `INSERT` into a table with an `id` key and returns the new row's id.
    func insert(sql: String, arguments: SQLArguments) throws -> Int64
    /// Inserts (hash, document) rows into `posting`, skipping those already there.
    func insertPostings(_ rows: [(Int64, Int64)]) throws
    /// Deletes (hash, document) rows from `posting`.
    func deletePostings(_ rows: [(Int64, Int64)]) throws
    /// Calls `body` with the two integer columns of each row of `sql`: the posting table is
    /// read millions of rows at a time, which row values would slow down.
    func forEachIntegerPair(sql: String, arguments: SQLArguments, _ body: (Int64, Int64) -> Void) throws
}

extension SQLConnection {
    func execute(sql: String) throws { try execute(sql: sql, arguments: []) }

    func rows(sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql: sql, arguments: arguments) { rows.append($0) }
        return rows
    }
}

/// Where SQLite's and PostgreSQL's SQL differ: one helper per difference.
enum SQLDialect: Sendable {
    case sqlite, postgresql

    /// The larger of two values (SQLite's scalar `MAX`, PostgreSQL's `GREATEST`).
    func greatest(_ a: String, _ b: String) -> String {
        switch self {
        case .sqlite: "MAX(\(a), \(b))"
        case .postgresql: "GREATEST(\(a), \(b))"
        }
    }

    /// `LIKE` ignoring ASCII case (SQLite's `LIKE` does; PostgreSQL's needs `ILIKE`).
    var caseInsensitiveLike: String {
        switch self {
        case .sqlite: "LIKE"
        case .postgresql: "ILIKE"
        }
    }
}

/// A value bound to a parameter or read from a column: the kinds the index stores.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value a statement parameter takes.
protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

/// A Swift value a column converts to. The index reads only columns it wrote, so a value of
/// another kind is a broken index, and stops the program as GRDB's row access does.
protocol SQLDecodable {
    init?(sqlValue: SQLValue)
}

typealias SQLArguments = [(any SQLBindable)?]

extension SQLArguments {
    var sqlValues: [SQLValue] { map { $0?.sqlValue ?? .null } }
}

extension Int64: SQLBindable, SQLDecodable {
    var sqlValue: SQLValue { .integer(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let value): self = value
        case .real(let value): self.init(exactly: value)
        default: return nil
        }
    }
}

extension Int: SQLBindable, SQLDecodable {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    init?(sqlValue: SQLValue) {
        guard let value = Int64(sqlValue: sqlValue) else { return nil }
        self.init(value)
    }
}

extension Int32: SQLBindable {
    var sqlValue: SQLValue { .integer(Int64(self)) }
}

/// Booleans are stored as the integers 0 and 1 in both engines, so that the same SQL
/// (`gone = 0`) reads them.
extension Bool: SQLBindable, SQLDecodable {
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    init?(sqlValue: SQLValue) {
        guard let value = Int64(sqlValue: sqlValue) else { return nil }
        self = value != 0
    }
}

extension Double: SQLBindable, SQLDecodable {
    var sqlValue: SQLValue { .real(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        default: return nil
        }
    }
}

extension String: SQLBindable, SQLDecodable {
    var sqlValue: SQLValue { .text(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .text(let value): self = value
        case .blob(let value): self = String(decoding: value, as: UTF8.self)
        default: return nil
        }
    }
}

extension Data: SQLBindable, SQLDecodable {
    var sqlValue: SQLValue { .blob(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .blob(let value): self = value
        case .text(let value): self = Data(value.utf8)
        default: return nil
        }
    }
}

extension [UInt8]: SQLBindable {
    var sqlValue: SQLValue { .blob(Data(self)) }
}

extension FileState: SQLBindable {
    var sqlValue: SQLValue { .text(rawValue) }
}

/// One row of a result.
struct SQLRow {
    var values: [SQLValue]

    subscript<T: SQLDecodable>(_ column: Int) -> T {
        guard let value = T(sqlValue: values[column]) else {
            preconditionFailure("index column \(column) holds \(values[column]), not \(T.self)")
        }
        return value
    }

    subscript<T: SQLDecodable>(_ column: Int) -> T? {
        if values[column] == .null { return nil }
        return self[column] as T
    }
}

extension SQLDecodable {
    /// The first column of the first row, nil when there is none or it is NULL.
    static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> Self? {
        var result: Self?
        var first = true
        try db.forEachRow(sql: sql, arguments: arguments) { row in
            guard first else { return }
            first = false
            result = row[0]
        }
        return result
    }

    /// The first column of every row (NULLs left out).
    static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        var result: [Self] = []
        try db.forEachRow(sql: sql, arguments: arguments) { row in
            if let value: Self = row[0] { result.append(value) }
        }
        return result
    }
}

extension SQLRow {
    static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        var result: SQLRow?
        try db.forEachRow(sql: sql, arguments: arguments) { row in if result == nil { result = row } }
        return result
    }

    static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.rows(sql: sql, arguments: arguments)
    }
}
