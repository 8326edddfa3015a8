package com.custodian.base.web;

import java.util.Collection;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import com.custodian.base.i18n.Languages;
import com.custodian.base.i18n.Translations;

/**
 * The page a browser shows when a request cannot be served outside the console's own pages (an
 * address nobody serves, a refused or failed download, a request the server refused): in the
 * console's look and the reader's language, with a way back, and nothing of the server's internals.
 */
@Component
public class ErrorPage {

    private final Translations translations;

    ErrorPage(Translations translations) {
        this.translations = translations;
    }

    /** The key of the explanation that fits a status: 403, 404, or anything else. */
    public static String kindOf(int status) {
        return switch (status) {
            case 401, 403 -> "forbidden";
            case 404, 410 -> "not-found";
            case 400, 405, 406, 413, 414, 415, 422, 431 -> "bad-request";
            default -> "failed";
        };
    }

    /** The whole page for a status, in the best of the reader's languages. */
    public String html(int status, Collection<Locale> requested, String home) {
        return html(status, Languages.best(requested), null, home);
    }

    /**
     * The page, optionally with a sentence of the caller's own about what failed (already in the
     * reader's language), and the address of the console's start page for the way back.
     */
    public String html(int status, Locale language, String detail, String home) {
        String kind = kindOf(status);
        String title = text(language, "error-page." + kind + ".title");
        String explanation = text(language, "error-page." + kind + ".text");
        StringBuilder page = new StringBuilder(2048);
        page.append("<!DOCTYPE html><html lang=\"").append(language.getLanguage()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"color-scheme\" content=\"light\">")
                .append("<title>").append(escape(text(language, "error-page.page-title", title))).append("</title><style>")
                .append("body{margin:0;font-family:-apple-system,BlinkMacSystemFont,\"Roboto\",\"Segoe UI\",Helvetica,Arial,sans-serif;")
                .append("color:hsla(214,40%,16%,.94);background:hsla(214,57%,24%,.05);line-height:1.625;}")
                .append("header{display:flex;align-items:center;gap:.5rem;padding:1rem 1.5rem;background:#fff;")
                .append("box-shadow:0 1px 2px hsla(214,53%,23%,.16);font-weight:600;font-size:1.125rem;}")
                .append("header svg{width:1.5rem;height:1.5rem;fill:hsl(214,100%,48%);}")
                .append("main{max-width:36rem;margin:3rem auto;background:#fff;border-radius:.75rem;padding:2rem;")
                .append("box-shadow:0 2px 4px -1px hsla(214,53%,23%,.16),0 3px 12px -1px hsla(214,50%,22%,.26);}")
                .append("h1{font-size:1.5rem;margin:0 0 .75rem;line-height:1.25;}p{margin:0 0 1rem;}")
                .append(".status{color:hsla(214,42%,18%,.69);font-size:.875rem;}")
                .append("a.back{display:inline-block;background:hsl(214,100%,48%);color:#fff;text-decoration:none;")
                .append("font-weight:600;border-radius:.25rem;padding:.5rem 1.25rem;}a.back:focus-visible{outline:2px solid hsl(214,100%,43%);outline-offset:2px;}")
                .append("</style></head><body><header><svg viewBox=\"0 0 16 16\" aria-hidden=\"true\"><path d=\"M8 0l-6 2v6c0 4 3 7 6 8 3-1 6-4 6-8V2z\"/></svg>")
                .append(escape(text(language, "app.name"))).append("</header><main role=\"main\"><h1>")
                .append(escape(title)).append("</h1><p>").append(escape(explanation)).append("</p>");
        if (detail != null && !detail.isBlank()) {
            page.append("<p>").append(escape(detail)).append("</p>");
        }
        page.append("<p class=\"status\">").append(escape(text(language, "error-page.status", status))).append("</p>")
                .append("<a class=\"back\" href=\"").append(escape(home == null || home.isEmpty() ? "/" : home)).append("\">").append(escape(text(language, "error-page.back")))
                .append("</a></main></body></html>");
        return page.toString();
    }

    /** The texts the page is written with, for whoever shows it beside a message of its own. */
    public Translations translations() {
        return translations;
    }

    private String text(Locale language, String key, Object... arguments) {
        return translations.text(language, key, arguments);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
