package com.custodian.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Pageable;

import com.vaadin.flow.data.provider.Query;

/** Grid fetches of any offset and limit, served from bounded pages. */
class PagedFetchTest {

    private static final List<Integer> ROWS = IntStream.range(0, 1234).boxed().toList();

    private final List<Pageable> asked = new ArrayList<>();

    private List<Integer> page(Pageable pageable) {
        asked.add(pageable);
        int from = (int) Math.min(pageable.getOffset(), ROWS.size());
        return ROWS.subList(from, Math.min(from + pageable.getPageSize(), ROWS.size()));
    }

    @Test
    void aGridPageIsOneServicePage() {
        List<Integer> rows = PagedFetch.fetch(new Query<>(100, 50, List.of(), null, null), 500, this::page).toList();
        assertThat(rows).containsExactlyElementsOf(ROWS.subList(100, 150));
        assertThat(asked).singleElement().satisfies(p -> {
            assertThat(p.getOffset()).isEqualTo(100);
            assertThat(p.getPageSize()).isEqualTo(50);
        });
    }

    @Test
    void anUnboundedFetchIsServedInBoundedPagesUntilTheEnd() {
        List<Integer> rows = PagedFetch.fetch(new Query<>(0, Integer.MAX_VALUE, List.of(), null, null), 500,
                this::page).toList();
        assertThat(rows).containsExactlyElementsOf(ROWS);
        assertThat(asked).hasSize(3).allSatisfy(p -> assertThat(p.getPageSize()).isEqualTo(500));
    }

    @Test
    void anOffsetInsideAPageSkipsToIt() {
        List<Integer> rows = PagedFetch.fetch(new Query<>(7, 600, List.of(), null, null), 500, this::page).toList();
        assertThat(rows).containsExactlyElementsOf(ROWS.subList(7, 607));
        assertThat(asked).hasSize(2);
    }

    @Test
    void aRangeAcrossPageBoundariesIsStillOneCall() {
        List<Integer> rows = PagedFetch.fetch(new Query<>(1050, 150, List.of(), null, null), 500, this::page).toList();
        assertThat(rows).containsExactlyElementsOf(ROWS.subList(1050, 1200));
        assertThat(asked).singleElement().satisfies(p -> assertThat(p.getOffset()).isEqualTo(1050));
    }
}
