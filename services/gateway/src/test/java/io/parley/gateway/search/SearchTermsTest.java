package io.parley.gateway.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The search box's text as terms and tsquery, and the snippet with its marks: pure logic. */
class SearchTermsTest {

    @Test
    void wordsArePrefixesAndChineseRunsArePhrasesOfCharacters() {
        SearchTerms terms = SearchTerms.parse("  Refund 退款 订单 ");
        assertEquals(List.of("refund", "退款", "订单"), terms.terms());
        assertEquals("refund:* & (退 <-> 款) & (订 <-> 单)", terms.tsquery());
    }

    @Test
    void operatorsAndPunctuationNeverReachTheQuery() {
        SearchTerms terms = SearchTerms.parse("a&b | !c:* (d) 'e' order#123 退款abc");
        assertEquals(List.of("a", "b", "c", "d", "e", "order", "123", "退款", "abc"), terms.terms());
        assertEquals("a:* & b:* & c:* & d:* & e:* & order:* & 123:* & (退 <-> 款) & abc:*", terms.tsquery());
        assertNull(SearchTerms.parse(" !&|():*' "));
    }

    @Test
    void fullWidthFormsAndRepeatsAreFolded() {
        SearchTerms terms = SearchTerms.parse("ＲＥＦＵＮＤ refund 好");
        assertEquals(List.of("refund", "好"), terms.terms());
        assertEquals("refund:* & 好", terms.tsquery());
    }

    @Test
    void theSnippetMarksEveryTermAroundTheFirstMatch() {
        String body = "x".repeat(300) + " Please REFUND my 退款 order, refunds take days " + "y".repeat(300);
        Snippet snippet = Snippet.of(body, List.of("refund", "退款"));
        assertEquals(3, snippet.highlights().size());
        for (int[] mark : snippet.highlights()) {
            String marked = snippet.text().substring(mark[0], mark[1]).toLowerCase();
            assertEquals(true, marked.equals("refund") || marked.equals("退款"), marked);
        }
        assertEquals(true, snippet.text().startsWith("…") && snippet.text().endsWith("…"));
    }

    @Test
    void wordsMatchOnlyAtTheStartOfAWordAndMarksStayOnTheOriginalText() {
        Snippet snippet = Snippet.of("prefund İstanbul refund", List.of("refund"));
        assertEquals(1, snippet.highlights().size());
        int[] mark = snippet.highlights().get(0);
        assertEquals("refund", snippet.text().substring(mark[0], mark[1]));
        Snippet none = Snippet.of("short text", List.of("absent"));
        assertEquals("short text", none.text());
        assertEquals(0, none.highlights().size());
    }
}
