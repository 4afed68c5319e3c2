package no.mappe.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Real requests sent at the same moment: every request waits on one barrier, then all go. */
public final class AtOnce {

    private AtOnce() {
    }

    /** Runs the requests in parallel, released together, and returns their answers in the order given. */
    @SafeVarargs
    public static List<Api.Response> send(Supplier<Api.Response>... requests) {
        CyclicBarrier start = new CyclicBarrier(requests.length);
        try (ExecutorService threads = Executors.newFixedThreadPool(requests.length)) {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (Supplier<Api.Response> request : requests) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("A parallel request failed on the client side", e.getCause());
        }
    }

    /** The statuses of the answers, sorted, e.g. [201, 409]. */
    public static List<Integer> statuses(List<Api.Response> responses) {
        return responses.stream().map(Api.Response::status).sorted().toList();
    }
}
