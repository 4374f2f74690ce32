/// Sorting hash values, which are spread evenly over all 64 bits.
enum HashSort {
    /// `hashes` sorted ascending, without repeats.
    ///
    /// A bucket sort on the top bits: with about one bucket per value, each bucket holds one
    /// or two values, so the work is linear, several times less than a comparison sort of a
    /// few hundred values (a fingerprint's winnowed hashes). A bucket that holds many values
    /// (text made to collide) falls back to the standard sort.
    static func sortedUnique(_ hashes: [UInt64]) -> [UInt64] {
        let count = hashes.count
        guard count > 1 else { return hashes }
        var bucketBits = 1
        while 1 << bucketBits < count { bucketBits += 1 }
        let shift = UInt64(64 - bucketBits)
        var starts = [Int32](repeating: 0, count: (1 << bucketBits) + 1)
        var sorted = [UInt64](repeating: 0, count: count)
        starts.withUnsafeMutableBufferPointer { starts in
            sorted.withUnsafeMutableBufferPointer { sorted in
                hashes.withUnsafeBufferPointer { hashes in
                    // Counting sort by bucket: sizes, then start offsets, then placement.
                    for hash in hashes { starts[Int(truncatingIfNeeded: hash >> shift) + 1] += 1 }
                    for bucket in 1..<starts.count { starts[bucket] += starts[bucket - 1] }
                    var next = Array(starts.dropLast())
                    for hash in hashes {
                        let bucket = Int(truncatingIfNeeded: hash >> shift)
                        sorted[Int(next[bucket])] = hash
                        next[bucket] += 1
                    }
                    // Order each bucket.
                    for bucket in 0..<(starts.count - 1) {
                        let range = Int(starts[bucket])..<Int(starts[bucket + 1])
                        if range.count < 2 { continue }
                        if range.count > 32 {
                            sorted[range].sort()
                            continue
                        }
                        for index in (range.lowerBound + 1)..<range.upperBound {
                            let value = sorted[index]
                            var position = index
                            while position > range.lowerBound && sorted[position - 1] > value {
                                sorted[position] = sorted[position - 1]
                                position -= 1
                            }
                            sorted[position] = value
                        }
                    }
                }
            }
        }
        // Remove repeats in place.
        let unique = sorted.withUnsafeMutableBufferPointer { buffer -> Int in
            var kept = 1
            for index in 1..<buffer.count where buffer[index] != buffer[kept - 1] {
                buffer[kept] = buffer[index]
                kept += 1
            }
            return kept
        }
        sorted.removeSubrange(unique...)
        return sorted
    }
}
