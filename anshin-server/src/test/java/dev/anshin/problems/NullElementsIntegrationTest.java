package dev.anshin.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.access.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.InvalidNullException;

/**
 * A null inside a list, a set or an array is refused where it stands, for every body of every
 * endpoint (one setting of the strict mapper, {@link StrictJson}): 422 {@code validation} naming the
 * element ({@code roles[0]}). {@code "roles": [null]} was a NullPointerException and a 500.
 */
class NullElementsIntegrationTest extends IntegrationTestSupport {

    record Everything(List<String> names, Set<Role> roles, String[] array, List<List<String>> nested,
            List<Map<String, String>> records, Map<String, String> values) {
    }

    @Test
    void theMapperRefusesANullElementOfAnyCollectionNamingIt() {
        for (String[] body : new String[][] {
                {"{\"names\":[\"a\",null]}", "names[1]"},
                {"{\"roles\":[null]}", "roles[0]"},
                {"{\"array\":[\"a\",\"b\",null]}", "array[2]"},
                {"{\"nested\":[[\"a\"],[null]]}", "nested[1][0]"},
                {"{\"records\":[null]}", "records[0]"}}) {
            assertThatThrownBy(() -> json.readValue(body[0], Everything.class)).as(body[0])
                    .isInstanceOfSatisfying(InvalidNullException.class,
                            e -> assertThat(ProblemAdvice.path(e)).isEqualTo(body[1]));
        }
        // Null collections themselves, and a map's null values, are left to the code that checks them by name.
        Everything read = json.readValue("{\"names\":null,\"values\":{\"EMAIL\":null}}", Everything.class);
        assertThat(read.names()).isNull();
        assertThat(read.values()).containsEntry("EMAIL", null);
    }

    @Test
    void aNullRoleIsAFieldProblemNotAServerError() throws Exception {
        postAs(Role.ADMIN, "/api/v1/api-clients", "{\"name\":\"nulls\",\"roles\":[null]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://anshin.dev/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("roles[0]"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be null"));
        postAs(Role.ADMIN, "/api/v1/api-clients", "{\"name\":\"nulls\",\"roles\":[\"ANALYST\",null]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("roles[1]"));
        mvc.perform(get("/api/v1/api-clients").param("name", "nulls").header("X-Api-Key", key(Role.ADMIN)))
                .andExpect(status().isOk()).andExpect(content().json("[]"));
    }

    @Test
    void nullElementsInDisputeAndProvisionBodiesAreFieldProblems() throws Exception {
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/disputes", "{\"customerId\":\"c\",\"authorizationIds\":[null],"
                + "\"cardInHand\":\"YES\",\"familyCouldExplain\":\"NO\",\"subscriptionCouldExplain\":\"NO\","
                + "\"recognizesMerchant\":\"NO\",\"certified\":true}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("authorizationIds[0]"));
        postAs(Role.PRIVACY_OFFICER, "/api/v1/privacy/provisions", "{\"requestId\":\"r\",\"recipient\":\"x\","
                + "\"customerIds\":[\"a\",null],\"items\":[\"EMAIL\"]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("customerIds[1]"));
    }

    @Test
    void aNullValueInACustomersFieldsIsStillNamedByItsField() throws Exception {
        postAs(Role.CUSTOMER_SERVICE, "/api/v1/customers", "{\"customerNumber\":\"N-null\",\"values\":{\"EMAIL\":null}}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("values.EMAIL"));
    }
}
