package com.custodian.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its chromedriver, one signed-in person per browser.
 * Knows enough of Vaadin to wait for the server's answers, find fields inside components, and pick
 * from overlays; saves screenshots to {@code target/e2e/screenshots}.
 */
public final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Paths.get("target", "e2e", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The address of a path on the application this browser uses. */
    private final java.util.function.UnaryOperator<String> url;
    private final ChromeDriver driver;
    private final Path downloads;

    public Browser(RunningApp app, String name) throws IOException {
        this(app, name, "en-US");
    }

    /** A browser whose languages are these (Accept-Language, e.g. "de-DE,de"). */
    public Browser(RunningApp app, String name, String languages) throws IOException {
        this(app::url, name, languages);
    }

    /** A browser of an application reached at these addresses (a load balancer, say). */
    public Browser(java.util.function.UnaryOperator<String> url, String name, String languages) throws IOException {
        this.url = url;
        this.downloads = Files.createDirectories(Paths.get("target", "e2e", "downloads", name).toAbsolutePath());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("custodian.e2e.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,900", "--lang=" + languages.split(",")[0]);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", languages));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Paths.get(System.getProperty("custodian.e2e.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .build();
        this.driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Signs in on the sign-in page with the default run's password, and waits for the first page. */
    public Browser signIn(String email) {
        driver.get(url.apply("/login"));
        return signInHere(email);
    }

    /** Fills in the sign-in form of the page shown, and waits for the first page. */
    public Browser signInHere(String email) {
        WebElement form = until(d -> d.findElement(By.cssSelector("vaadin-login-form")));
        form.findElement(By.cssSelector("input[name='username']")).sendKeys(email);
        form.findElement(By.cssSelector("input[name='password']")).sendKeys("demo");
        form.findElement(By.cssSelector("vaadin-button[slot='submit']")).click();
        until(d -> !d.getCurrentUrl().contains("/login"));
        settle();
        return this;
    }

    public Browser go(String path) {
        driver.get(url.apply(path));
        settle();
        return this;
    }

    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Waits until Vaadin has loaded and no request to the server is in flight. */
    public void settle() {
        until(d -> Boolean.TRUE.equals(js("""
                const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
                if (!clients || document.readyState !== 'complete') return false;
                return Object.values(clients).every(client => !client.isActive || !client.isActive());""")));
    }

    public WebElement byId(String id) {
        return until(d -> {
            WebElement found = d.findElement(By.id(id));
            return found.isDisplayed() ? found : null;
        });
    }

    public Browser click(String id) {
        WebElement element = byId(id);
        until(d -> element.isEnabled() && !"true".equals(element.getDomAttribute("disabled")));
        element.click();
        settle();
        return this;
    }

    /** Clicks the first visible element matching the selector whose text contains the text. */
    public Browser clickText(String selector, String text) {
        WebElement element = until(d -> visible(d, selector).stream().filter(e -> e.getText().contains(text))
                .findFirst().orElse(null));
        try {
            element.click();
        } catch (org.openqa.selenium.ElementNotInteractableException covered) {
            // Items of Vaadin's menus sit in a popover that chromedriver cannot always reach; a click event can.
            js("arguments[0].click()", element);
        }
        settle();
        return this;
    }

    /** Types into the text field, text area or other input of the component with this ID, replacing its value. */
    public Browser type(String id, String text) {
        WebElement input = until(d -> {
            List<WebElement> inputs = d.findElements(By.cssSelector("#" + id + " input, #" + id + " textarea"));
            return inputs.isEmpty() ? null : inputs.getFirst();
        });
        input.click();
        input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                org.openqa.selenium.Keys.DELETE);
        input.sendKeys(text);
        // Text fields send their value on change: leave the field.
        input.sendKeys(org.openqa.selenium.Keys.TAB);
        settle();
        return this;
    }

    /** Opens the select or combo box with this ID and picks the item showing the text. */
    public Browser pick(String id, String text) {
        WebElement field = byId(id);
        if (field.getTagName().contains("combo-box")) {
            // A combo box filters as one types, and lists the matching items.
            WebElement input = field.findElement(By.cssSelector("input"));
            input.click();
            input.sendKeys(text);
            clickText("#" + id + " vaadin-combo-box-item, #" + id + " vaadin-multi-select-combo-box-item", text);
        } else {
            field.click();
            clickText("vaadin-select-item", text);
        }
        settle();
        return this;
    }

    /** Checks the checkbox of a checkbox group (the group's ID) whose label is the text. */
    public Browser check(String groupId, String label) {
        WebElement box = until(d -> d.findElements(By.cssSelector("#" + groupId + " vaadin-checkbox")).stream()
                .filter(e -> e.getText().strip().equals(label)).findFirst().orElse(null));
        if (box.getDomAttribute("checked") == null) {
            box.findElement(By.cssSelector("input")).click();
        }
        settle();
        return this;
    }

    public Browser uncheck(String groupId, String label) {
        WebElement box = until(d -> d.findElements(By.cssSelector("#" + groupId + " vaadin-checkbox")).stream()
                .filter(e -> e.getText().strip().equals(label)).findFirst().orElse(null));
        if (box.getDomAttribute("checked") != null) {
            box.findElement(By.cssSelector("input")).click();
        }
        settle();
        return this;
    }

    /** The text of every visible cell of the grid with this ID, row after row. */
    public String gridText(String gridId) {
        settle();
        return String.join(" | ", driver.findElements(By.cssSelector("#" + gridId + " vaadin-grid-cell-content"))
                .stream().map(WebElement::getText).filter(text -> !text.isBlank()).toList());
    }

    /** Waits for the grid to show the text, and answers its text. */
    public String awaitGridText(String gridId, String text) {
        until(d -> gridText(gridId).contains(text));
        return gridText(gridId);
    }

    /** Selects the grid row showing the text, by its selection checkbox. */
    public Browser selectRow(String gridId, String text) {
        rowPart(gridId, text, "vaadin-checkbox").click();
        settle();
        return this;
    }

    /**
     * The element matching the selector in the grid row that shows the text: the grid's cells are
     * slotted into its shadow rows, so the row is found from the cell's slot.
     */
    public WebElement rowPart(String gridId, String text, String selector) {
        return until(d -> {
            WebElement cell = d.findElements(By.cssSelector("#" + gridId + " vaadin-grid-cell-content")).stream()
                    .filter(e -> e.getText().contains(text)).findFirst().orElse(null);
            if (cell == null) {
                return null;
            }
            return (WebElement) js("""
                    const row = arguments[0].assignedSlot.closest('tr');
                    for (const slot of row.querySelectorAll('slot')) {
                        for (const content of slot.assignedElements()) {
                            const found = content.querySelector(arguments[1]);
                            if (found) return found;
                        }
                    }
                    return null;""", cell, selector);
        });
    }

    /** Clicks the confirm button of the open confirm dialog with this ID. */
    public Browser confirm(String dialogId) {
        WebElement button = until(d -> visible(d, "#" + dialogId + " vaadin-button[slot='confirm-button'], "
                + "#" + dialogId + " [slot='confirm-button']").stream().findFirst().orElse(null));
        button.click();
        settle();
        return this;
    }

    /** Clicks the row's action button whose accessible name starts with the action's name. */
    public Browser rowAction(String gridId, String rowText, String action) {
        rowPart(gridId, rowText, "vaadin-button[aria-label^='" + action + "']").click();
        settle();
        return this;
    }

    /** The text of the open notifications. */
    public String notifications() {
        settle();
        return String.join(" | ", driver.findElements(By.cssSelector("vaadin-notification-card")).stream()
                .map(WebElement::getText).toList());
    }

    public String awaitNotification(String text) {
        until(d -> notifications().contains(text));
        return notifications();
    }

    /** The visible text of the page, overlays included. */
    public String text() {
        settle();
        return driver.findElement(By.tagName("body")).getText();
    }

    public String awaitText(String text) {
        until(d -> driver.findElement(By.tagName("body")).getText().contains(text));
        return text();
    }

    public Path screenshot(String name) throws IOException {
        settle();
        return screenshotNow(name);
    }

    private Path screenshotNow(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** The folder downloads of this browser go to. */
    public Path downloads() {
        return downloads;
    }

    /** Waits for a finished download whose name matches, and answers it. */
    public Path awaitDownload(String regex) {
        return until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(file -> file.getFileName().toString().matches(regex)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /**
     * Runs axe-core on the page as it is (open dialogs included) against WCAG 2.1 A and AA, and
     * answers its serious and critical violations, one line each.
     */
    @SuppressWarnings("unchecked")
    public List<String> seriousAccessibilityViolations() throws IOException {
        settle();
        if (Boolean.FALSE.equals(js("return typeof window.axe !== 'undefined'"))) {
            js(Files.readString(axeScript()));
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                    .then(results => done(results.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — '
                            + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.html.substring(0, 160)
                                + ' (' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ')').join(', '))))
                    .catch(error => done(['axe failed: ' + error]));""");
        return (List<String>) result;
    }

    /**
     * Controls on the page (overlays included) that share an accessible name, one line per name
     * with how many: two buttons both called "Remove" cannot be told apart by someone who hears
     * them. Computed by axe-core's own accessible-name algorithm.
     */
    @SuppressWarnings("unchecked")
    public List<String> controlsSharingAName() throws IOException {
        settle();
        if (Boolean.FALSE.equals(js("return typeof window.axe !== 'undefined'"))) {
            js(Files.readString(axeScript()));
        }
        return (List<String>) js("""
                axe.setup(document);
                try {
                    const controls = [];
                    const visit = root => root.querySelectorAll('*').forEach(element => {
                        if (element.shadowRoot) visit(element.shadowRoot);
                        const role = element.getAttribute('role') || element.localName;
                        const control = ['button', 'link', 'menuitem', 'vaadin-button', 'a'].includes(role)
                            && !(element.localName === 'a' && !element.hasAttribute('href') && !element.getAttribute('role'));
                        if (!control || element.closest('[hidden]') || element.getClientRects().length === 0) return;
                        const name = axe.commons.text.accessibleText(element).trim().replace(/\s+/g, ' ');
                        // What it does: its ID or address; a control with neither counts as doing its own thing.
                        const does = element.id || element.getAttribute('href') || ('#' + controls.length);
                        controls.push({ name, does });
                    });
                    visit(document);
                    const byName = new Map();
                    controls.filter(c => c.name).forEach(c => {
                        if (!byName.has(c.name)) byName.set(c.name, new Set());
                        byName.get(c.name).add(c.does);
                    });
                    return [...byName.entries()].filter(([, does]) => does.size > 1)
                        .map(([name, does]) => name + ' (' + [...does].join(', ') + ')');
                } finally {
                    axe.teardown();
                }""");
    }

    private static Path axeScript() {
        Path script = Paths.get(System.getProperty("custodian.e2e.axe",
                "target/e2e/node_modules/axe-core/axe.min.js"));
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("axe-core not found at " + script.toAbsolutePath() + ": npm install "
                    + "--prefix target/e2e axe-core, or name it with -Dcustodian.e2e.axe");
        }
        return script;
    }

    public Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Waits for the condition; when it never holds, saves a screenshot and says what the page showed.
     */
    public <T> T until(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String shot;
            try {
                shot = screenshotNow("failed-" + System.currentTimeMillis()).toString();
            } catch (IOException | RuntimeException unavailable) {
                shot = "none (" + unavailable + ")";
            }
            throw new AssertionError("Waited " + WAIT.toSeconds() + " s in vain on " + driver.getCurrentUrl()
                    + "; screenshot " + shot + "; the page showed:\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Elements that take up room on the page (Selenium's isDisplayed misjudges Vaadin's overlays). */
    private List<WebElement> visible(SearchContext context, String selector) {
        return context.findElements(By.cssSelector(selector)).stream()
                .filter(element -> Boolean.TRUE.equals(js("return arguments[0].getClientRects().length > 0 "
                        + "&& arguments[0].checkVisibility()", element))).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
