package com.custodian.requests.api;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.custodian.base.i18n.Text;
import com.custodian.base.i18n.Translations;
import com.custodian.base.personaldata.Holding;
import com.custodian.requests.DataRequestException;
import com.custodian.requests.DataRequestProblem;
import com.custodian.requests.DataRequestsService;
import com.custodian.requests.Discovery;
import com.custodian.requests.NewRequest;
import com.custodian.requests.RequestRow;
import com.custodian.requests.RequestType;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The automation API of customer data requests, for privacy tooling: the same services, checks
 * and results as the pages. Callers send a bearer token of a service principal that holds the
 * data-requests permission in Custodian. Described in {@code /api/openapi.yaml}.
 */
@RestController
@RequestMapping(path = "/api/data-requests", produces = MediaType.APPLICATION_JSON_VALUE)
class DataRequestsApi {

    /** A request to open. */
    record Opening(RequestType type, String subject, LocalDate receivedOn, String reference, String note) {
    }

    /** A request and what was found about its subject. */
    record Detail(RequestRow request, EnglishDiscovery discovery) {
    }

    /** {@link Discovery} with its texts in English: the API speaks English whatever the pages do. */
    record EnglishDiscovery(RequestRow request, List<String> identifiers, List<EnglishHolding> holdings,
            List<String> notIncluded, boolean directoryAnswered, boolean erasable, List<String> erasureBlockers) {

        static EnglishDiscovery of(Discovery discovery) {
            return new EnglishDiscovery(discovery.request(), english(discovery.identifiers()),
                    discovery.holdings().stream().map(EnglishHolding::of).toList(), english(discovery.notIncluded()),
                    discovery.directoryAnswered(), discovery.erasable(), english(discovery.erasureBlockers()));
        }

        public long records() {
            return holdings.stream().mapToLong(EnglishHolding::records).sum();
        }
    }

    /** {@link Holding} with its details in English. */
    record EnglishHolding(String category, long records, List<String> details) {

        static EnglishHolding of(Holding holding) {
            return new EnglishHolding(holding.category(), holding.records(), english(holding.details()));
        }

        public boolean isEmpty() {
            return records == 0;
        }
    }

    private final DataRequestsService requests;

    DataRequestsApi(DataRequestsService requests) {
        this.requests = requests;
    }

    private static List<String> english(List<Text> texts) {
        return texts.stream().map(Translations::english).toList();
    }

    @GetMapping
    List<RequestRow> list(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        return requests.list(Math.max(offset, 0), Math.min(Math.max(limit, 1), DataRequestsService.MAX_PAGE_SIZE));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RequestRow> open(@RequestBody Opening opening) {
        RequestRow opened = requests.open(new NewRequest(opening.type(), opening.subject(),
                opening.receivedOn() == null ? LocalDate.now(java.time.ZoneOffset.UTC) : opening.receivedOn(),
                opening.reference(), opening.note()));
        return ResponseEntity.created(URI.create("/api/data-requests/" + opened.id())).body(opened);
    }

    @GetMapping("/{id}")
    Detail detail(@PathVariable long id) {
        return new Detail(requests.request(id), EnglishDiscovery.of(requests.discover(id)));
    }

    /** The export bundle, streamed as it is written. */
    @GetMapping(path = "/{id}/export", produces = "application/zip")
    void export(@PathVariable long id, HttpServletResponse response) throws IOException {
        RequestRow request = requests.request(id);
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"custodian-"
                + request.reference().replaceAll("[^A-Za-z0-9._-]", "_") + ".zip\"");
        requests.export(id, response.getOutputStream());
    }

    /** Erases everything about the subject; {@code version} guards against a change since it was read. */
    @PostMapping("/{id}/erase")
    RequestRow erase(@PathVariable long id, @RequestParam(required = false) Long version) {
        return requests.erase(id, version != null ? version : requests.request(id).version());
    }

    @ExceptionHandler(DataRequestException.class)
    ResponseEntity<Map<String, Object>> refused(DataRequestException refusal) {
        HttpStatus status = refusal.problem() == DataRequestProblem.NOT_FOUND ? HttpStatus.NOT_FOUND
                : refusal.problem() == DataRequestProblem.ERASURE_NOT_ALLOWED ? HttpStatus.FORBIDDEN
                : "status".equals(refusal.field()) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", status.value(), "field", refusal.field(), "error", refusal.getMessage()));
    }

    /** A body that is not the JSON described, or a parameter of the wrong type: 400 naming it, nothing stored. */
    @ExceptionHandler({org.springframework.http.converter.HttpMessageNotReadableException.class,
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception malformed) {
        String error = malformed instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException
                mismatch ? "The parameter " + mismatch.getName() + " must be a "
                        + (mismatch.getRequiredType() == null ? "value" : mismatch.getRequiredType().getSimpleName())
                : "The body must be JSON: {\"type\": \"ACCESS\" | \"EXPORT\" | \"ERASURE\", \"subject\": \"...\", "
                        + "\"receivedOn\": \"YYYY-MM-DD\", \"reference\": \"...\", \"note\": \"...\"}";
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 400, "error", error));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> forbidden(AccessDeniedException denied) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 403, "error", "The caller does not hold the data-requests permission"));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> otherRefusal(RuntimeException refusal) {
        if (refusal instanceof com.custodian.users.UsersException users) {
            return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("status", 409, "error", users.problem().name()));
        }
        throw refusal;
    }
}
