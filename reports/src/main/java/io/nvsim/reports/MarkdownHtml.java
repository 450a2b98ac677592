package io.nvsim.reports;

import java.util.List;

/**
 * The small Markdown subset nvsim's reports write (headings, bullets, tables, paragraphs, code spans and bold), turned
 * into HTML for the self-contained report pages.
 */
public final class MarkdownHtml {
    private MarkdownHtml() {
    }

    /** The Markdown subset as HTML. */
    public static String toHtml(String md) {
        StringBuilder out = new StringBuilder();
        List<String> lines = md.lines().toList();
        boolean inList = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("|")) {
                out.append("<table>\n");
                boolean headerRow = true;
                while (i < lines.size() && lines.get(i).startsWith("|")) {
                    String row = lines.get(i);
                    if (!row.matches("\\|[-:| ]+\\|")) {
                        String tag = headerRow ? "th" : "td";
                        out.append("<tr>");
                        for (String cell : row.substring(1, row.length() - 1).split("\\|", -1)) {
                            out.append('<').append(tag).append('>').append(inline(cell.trim())).append("</").append(tag).append('>');
                        }
                        out.append("</tr>\n");
                        headerRow = false;
                    }
                    i++;
                }
                i--;
                out.append("</table>\n");
                continue;
            }
            if (line.startsWith("- ")) {
                if (!inList) {
                    out.append("<ul>\n");
                    inList = true;
                }
                out.append("<li>").append(inline(line.substring(2))).append("</li>\n");
                continue;
            }
            if (inList) {
                out.append("</ul>\n");
                inList = false;
            }
            if (line.startsWith("## ")) {
                out.append("<h2>").append(inline(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("# ")) {
                out.append("<h1>").append(inline(line.substring(2))).append("</h1>\n");
            } else if (!line.isBlank()) {
                out.append("<p>").append(inline(line)).append("</p>\n");
            }
        }
        if (inList) {
            out.append("</ul>\n");
        }
        return out.toString();
    }

    private static String inline(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return escaped.replaceAll("`([^`]*)`", "<code>$1</code>").replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>");
    }

}
