package io.usync.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reduces a batch of marks to the last one per Message-ID, keeping their order. */
final class ArticleMarks {

    private ArticleMarks() {
    }

    static List<ArticleMark> lastPerMessageId(List<ArticleMark> marks) {
        Set<String> seen = new HashSet<>(marks.size() * 2);
        List<ArticleMark> kept = new ArrayList<>(marks.size());
        for (int i = marks.size() - 1; i >= 0; i--) {
            ArticleMark m = marks.get(i);
            if (seen.add(m.messageId())) {
                kept.add(m);
            }
        }
        if (kept.size() == marks.size()) {
            return marks;
        }
        Collections.reverse(kept);
        return kept;
    }
}
