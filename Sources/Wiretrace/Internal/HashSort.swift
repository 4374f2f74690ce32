/// Sorting hash values, which are spread evenly over all 64 bits.
enum HashSort {
    /// `hashes` sorted ascending, without repeats.
    ///
    /// A bucket sort on the top bits: with about one bucket per value, each bucket holds one
    /// or two values, so the work is linear, several times less than a comparison sort of a
    /// few hundred values (a fingerprint's winnowed hashes). After the buckets are laid out in
    /// order, one insertion sort over the whole array orders the values inside each bucket
    /// (values in different buckets are in order already, so nothing moves across buckets),
    /// without a loop over the mostly empty buckets. A bucket that holds many values (text
    /// made to collide) sends everything to the standard sort.
    static func sortedUnique(_ hashes: [UInt64]) -> [UInt64] {
        let count = hashes.count
        guard count > 1 else { return hashes }
        var bucketBits = 1
        while 1 << bucketBits < count { bucketBits += 1 }
        let shift = UInt64(64 - bucketBits)
        // Counting sort by bucket: sizes, then offsets, then placement.
        var offsets = [Int32](repeating: 0, count: 1 << bucketBits)
        var sorted = [UInt64](unsafeUninitializedCapacity: count) { sorted, initialized in
            var crowded = false
            offsets.withUnsafeMutableBufferPointer { offsets in
                hashes.withUnsafeBufferPointer { hashes in
                    for hash in hashes { offsets[Int(truncatingIfNeeded: hash >> shift)] &+= 1 }
                    var offset: Int32 = 0
                    for bucket in offsets.indices {
                        let size = offsets[bucket]
                        crowded = crowded || size > 32
                        offsets[bucket] = offset
                        offset &+= size
                    }
                    for hash in hashes {
                        let bucket = Int(truncatingIfNeeded: hash >> shift)
                        sorted[Int(offsets[bucket])] = hash
                        offsets[bucket] &+= 1
                    }
                }
            }
            initialized = count
            if crowded {
                sorted.sort()
                return
            }
            for index in 1..<count {
                let value = sorted[index]
                var position = index
                while position > 0 && sorted[position - 1] > value {
                    sorted[position] = sorted[position - 1]
                    position -= 1
                }
                sorted[position] = value
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
