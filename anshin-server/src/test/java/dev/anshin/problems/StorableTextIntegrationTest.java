package dev.anshin.problems;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import org.junit.jupiter.api.Test;

/**
 * Text no database can hold (a NUL, which PostgreSQL refuses, or an unpaired surrogate) is refused
 * wherever it comes in, before it is looked up: in any JSON string and in any request parameter (422
 * naming the field). On PostgreSQL a NUL card token was a 500 (found by the fuzz tests).
 */
class StorableTextIntegrationTest extends IntegrationTestSupport {

    @Test
    void aNulOrAnUnpairedSurrogateInAnyJsonStringIsAFieldProblem() throws Exception {
        for (String token : new String[] {"tok_\\u0000", "tok_\\ud800", "\\udc00"}) {
            String id = newId("nul");
            String body = json.writeValueAsString(authorization(id, "TOKEN")).replace("TOKEN", token);
            postAuthorization(body)
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"))
                    .andExpect(jsonPath("$.errors[0].field").value("card.token"));
        }
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", "{\"customerNumber\":\"N-1\",\"values\":{\"EMAIL\":"
                + "\"a\\u0000@example.jp\"}}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("values.EMAIL"));
    }

    @Test
    void aNulOrAnUnpairedSurrogateInARequestParameterIsAFieldProblem() throws Exception {
        for (String value : new String[] {"\u0000", "a\ud800", "\udc00"}) {
            mvc.perform(get("/api/v1/cards").param("customerId", value).header("X-Api-Key", key(Role.ANALYST)))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"))
                    .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        }
        // A parameter's name is the client's text too: not echoed when it could carry anything.
        mvc.perform(get("/api/v1/cards").param("4111111111111111\u0000", "x").header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("(redacted)"));
        // An ordinary parameter still reaches the endpoint.
        String customer = newCustomer();
        mvc.perform(get("/api/v1/cards").param("customerId", customer).header("X-Api-Key", key(Role.ANALYST)))
                .andExpect(status().isOk());
    }
}
