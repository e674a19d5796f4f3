package io.portcullis.policy;

/**
 * The segments of a normalised path, as offsets into the path so that matching compares regions
 * of one string and creates no substrings.
 */
final class PathSegments {

    private final String path;
    private final int[] bounds; // start and end offset of each segment, in pairs
    private final int count;

    private PathSegments(String path, int[] bounds, int count) {
        this.path = path;
        this.bounds = bounds;
        this.count = count;
    }

    /** Splits a path that {@link PathNormalizer} produced: no empty segments, no trailing slash. */
    static PathSegments of(String normalized) {
        if (normalized.length() == 1) {
            return new PathSegments(normalized, new int[0], 0);
        }
        int count = 0;
        for (int i = 0; i < normalized.length(); i++) {
            if (normalized.charAt(i) == '/') {
                count++;
            }
        }
        int[] bounds = new int[count * 2];
        int start = 1;
        for (int s = 0; s < count; s++) {
            int end = normalized.indexOf('/', start);
            if (end < 0) {
                end = normalized.length();
            }
            bounds[2 * s] = start;
            bounds[2 * s + 1] = end;
            start = end + 1;
        }
        return new PathSegments(normalized, bounds, count);
    }

    int count() {
        return count;
    }

    boolean segmentEquals(int index, String literal) {
        int start = bounds[2 * index];
        int length = bounds[2 * index + 1] - start;
        return length == literal.length() && path.regionMatches(start, literal, 0, length);
    }

    /** Returns {@code segment(index).hashCode()} without creating the substring. */
    int segmentHash(int index) {
        int hash = 0;
        for (int i = bounds[2 * index]; i < bounds[2 * index + 1]; i++) {
            hash = 31 * hash + path.charAt(i);
        }
        return hash;
    }

    String segment(int index) {
        return path.substring(bounds[2 * index], bounds[2 * index + 1]);
    }
}
