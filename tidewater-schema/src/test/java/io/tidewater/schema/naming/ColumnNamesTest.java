package io.tidewater.schema.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnNamesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "lineItem/UnblendedCost|line_item_unblended_cost",
                "IsLatest|is_latest",
                "resourceTags/user:Cost Center|resource_tags_user_cost_center",
                "savingsPlan/SavingsPlanARN|savings_plan_savings_plan_a_r_n",
                "ETag|e_tag",
                "VersionId|version_id",
                "identity/LineItemId|identity_line_item_id",
                "costCategory/Charge type|cost_category_charge_type",
                "already_snake|already_snake",
                "  Spaces  Around |spaces_around",
                "x_CostCategories|x_cost_categories",
                "col-1.value|col_1_value"
            })
    void normalisesAsAthenaDoes(String source, String expected) {
        assertThat(ColumnNames.normalise(source)).isEqualTo(expected);
    }

    @Test
    void namesAColumnWithNothingAlphanumericByPosition() {
        assertThat(ColumnNames.normalise(List.of("a", "???", "日本")).names()).containsExactly("a", "col1", "col2");
    }

    @Test
    void resolvesCollisionsDeterministicallyAndReportsThem() {
        NormalisedNames names = ColumnNames.normalise(
                List.of("resourceTags/user:Name", "resourceTags/user:name", "Key", "key", "key_2"));

        assertThat(names.names())
                .containsExactly("resource_tags_user_name", "resource_tags_user_name_2", "key", "key_3", "key_2");
        assertThat(names.collisions())
                .containsExactly(
                        new NameCollision(
                                "resourceTags/user:name",
                                "resource_tags_user_name",
                                "resourceTags/user:Name",
                                "resource_tags_user_name_2"),
                        new NameCollision("key", "key", "Key", "key_3"));
    }
}
