package io.usync.segmenter.yenc;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * Checks a decoded article's keyword lines against each other, the decoded byte count, the caller's
 * expectations and the CRC (asked for only when everything else holds).
 */
final class YencPartCheck {

    private YencPartCheck() {
    }

    static YencResult check(YencKeywordLine begin, YencKeywordLine part, YencKeywordLine end, long decoded,
                            long capacity, IntSupplier dataCrc, YencExpectation expected) {
        if (begin == null) {
            return new YencResult.NotYenc();
        }
        if (end == null) {
            return new YencResult.Incomplete("article ended before its =yend line", decoded);
        }
        Optional<Long> fileSize = begin.number("size");
        String name = begin.values().getOrDefault("name", "");
        if (fileSize.isEmpty()) {
            return invalid("=ybegin has no valid size");
        }
        boolean multi = begin.has("part");
        long partNo = begin.number("part").orElse(1L);
        long total = begin.number("total").orElse(1L);
        long first;
        long last;
        if (multi) {
            if (part == null) {
                return invalid("multi-part article without a =ypart line");
            }
            Optional<Long> b = part.number("begin");
            Optional<Long> e = part.number("end");
            if (b.isEmpty() || e.isEmpty()) {
                return invalid("=ypart lacks a valid begin or end");
            }
            first = b.get();
            last = e.get();
        } else {
            first = 1;
            last = fileSize.get();
        }
        long size = last - first + 1;
        if (partNo < 1 || partNo > Integer.MAX_VALUE || total < partNo || total > Integer.MAX_VALUE) {
            return invalid("bad part number " + partNo + " of " + total);
        }
        if (first < 1 && size > 0 || size < 0 || last > fileSize.get()) {
            return invalid("=ypart " + first + ".." + last + " is outside a file of " + fileSize.get());
        }
        Optional<Long> endSize = end.number("size");
        if (endSize.isEmpty() || endSize.get() != size) {
            return invalid("=yend size " + end.values().get("size") + " differs from the part size " + size);
        }
        if (end.has("part") && end.number("part").orElse(-1L) != partNo) {
            return invalid("=yend part " + end.values().get("part") + " differs from =ybegin part " + partNo);
        }
        if (decoded > capacity) {
            return invalid("decoded " + decoded + " bytes but the destination holds " + capacity);
        }
        if (decoded != size) {
            return invalid("decoded " + decoded + " bytes but the part declares " + size);
        }
        Optional<String> unexpected = unexpected(expected, (int) partNo, first, size, fileSize.get());
        if (unexpected.isPresent()) {
            return invalid(unexpected.get());
        }
        int actual = dataCrc.getAsInt();
        Optional<Integer> declared = multi ? end.crc("pcrc32") : end.crc("crc32").or(() -> end.crc("pcrc32"));
        if (declared.isPresent() && declared.get() != actual) {
            return new YencResult.CrcMismatch(declared.get(), actual, size);
        }
        OptionalInt fileCrc = end.crc("crc32").map(OptionalInt::of).orElse(OptionalInt.empty());
        return new YencResult.Decoded(name, (int) partNo, (int) total, fileSize.get(), first, last, size, actual, fileCrc);
    }

    private static Optional<String> unexpected(YencExpectation expected, int partNo, long first, long size, long fileSize) {
        if (expected.part().isPresent() && expected.part().getAsInt() != partNo) {
            return Optional.of("article is part " + partNo + ", expected part " + expected.part().getAsInt());
        }
        if (expected.fileSize().isPresent() && expected.fileSize().getAsLong() != fileSize) {
            return Optional.of("article says file size " + fileSize + ", expected " + expected.fileSize().getAsLong());
        }
        if (expected.range().isPresent()) {
            var r = expected.range().get();
            if (r.length() != size || (size > 0 && r.offset() != first - 1)) {
                return Optional.of("article covers " + (first - 1) + "+" + size + ", expected "
                        + r.offset() + "+" + r.length());
            }
        }
        return Optional.empty();
    }

    private static YencResult invalid(String reason) {
        return new YencResult.Invalid(reason);
    }
}
