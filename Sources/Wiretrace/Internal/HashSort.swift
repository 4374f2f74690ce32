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
        // Counting sort by bucket: sizes, then offsets, then placement, which moves each
        // bucket's offset to its end: bucket b then spans ends[b - 1]..<ends[b].
        var ends = [Int32](repeating: 0, count: 1 << bucketBits)
        var sorted = [UInt64](unsafeUninitializedCapacity: count) { sorted, initialized in
            ends.withUnsafeMutableBufferPointer { ends in
                hashes.withUnsafeBufferPointer { hashes in
                    for hash in hashes { ends[Int(truncatingIfNeeded: hash >> shift)] += 1 }
                    var offset: Int32 = 0
                    for bucket in ends.indices {
                        let size = ends[bucket]
                        ends[bucket] = offset
                        offset += size
                    }
                    for hash in hashes {
                        let bucket = Int(truncatingIfNeeded: hash >> shift)
                        sorted[Int(ends[bucket])] = hash
                        ends[bucket] += 1
                    }
                    // Order each bucket.
                    var start = 0
                    for bucket in ends.indices {
                        let range = start..<Int(ends[bucket])
                        start = range.upperBound
                        if range.count < 2 { continue }
                        if range.count > 32 {
                            var crowded = UnsafeMutableBufferPointer(rebasing: sorted[range])
                            crowded.sort()
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
            initialized = count
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
