//! Checks on the declarations themselves.

use super::*;

fn classes() -> Vec<&'static ClassInfo> {
    vec![
        EntityInfo::CLASS,
        CustomerInfo::CLASS,
        CustomerBreadcrumb::CLASS,
        NewCustomer::CLASS,
        PatchCustomer::CLASS,
        ListCustomers::CLASS,
        <ListRequest<CustomerInfo>>::CLASS,
        <ListResponse<CustomerInfo>>::CLASS,
        AccountInfo::CLASS,
        AppSettings::CLASS,
        BillingSettings::CLASS,
        BillingItem::CLASS,
        Schedule::CLASS,
        SchedulingRule::CLASS,
        ScheduleDay::CLASS,
        Tag::CLASS,
        IntegrationData::CLASS,
        Value::CLASS,
    ]
}

#[test]
fn wire_names_follow_servicestacks_camel_case_rule() {
    for class in classes() {
        for m in class.members {
            assert_eq!(m.json_name, camel_case(m.name), "{}.{}", class.name, m.name);
        }
    }
}

#[test]
fn derived_members_come_before_base_members() {
    let names: Vec<_> = ListCustomers::CLASS
        .json_order()
        .map(|m| m.json_name)
        .collect();
    assert_eq!(
        names,
        [
            "accountIds",
            "nameFilter",
            "parentCustomerIds",
            "shallowParent",
            "tagIds",
            "page",
            "all",
            "countPerPage",
            "specificIds",
            "sortField",
            "sortOrder",
            "simplifiedPaging"
        ]
    );
    assert_eq!(CustomerInfo::CLASS.member_count(), 20);
    assert_eq!(CustomerInfo::CLASS.base.unwrap().name, "EntityInfo");
}

#[test]
fn nullability_follows_the_csharp_listing() {
    let nullable = |class: &ClassInfo, name: &str| {
        class
            .json_order()
            .find(|m| m.json_name == name)
            .unwrap()
            .nullable
    };
    assert!(!nullable(CustomerInfo::CLASS, "isStaging"));
    assert!(nullable(CustomerInfo::CLASS, "name"));
    assert!(nullable(PatchCustomer::CLASS, "overrideBillingSettings"));
    assert!(!nullable(AccountInfo::CLASS, "isBYOA"));
    assert!(nullable(Value::CLASS, "numberValue"));
    assert!(!nullable(BillingItem::CLASS, "baseCost"));
}

#[test]
fn find_member_prefers_exact_then_any_case() {
    let c = CustomerInfo::CLASS;
    let name = c.find_member("name", 0).unwrap();
    assert_eq!(c.member(name).unwrap().name, "Name");
    assert_eq!(c.find_member("NAME", 0), Some(name));
    assert_eq!(c.find_member("Name", 3), Some(name));
    assert_eq!(
        c.find_member("createdby", 0)
            .map(|i| c.member(i).unwrap().name),
        Some("CreatedBy")
    );
    assert_eq!(c.find_member("nope", 0), None);
}

#[test]
fn types_describe_lists_dictionaries_and_generics() {
    let items = <ListResponse<CustomerInfo>>::CLASS.members[0].ty;
    match items {
        TypeInfo::List(TypeInfo::Class(c)) => assert_eq!(c.name, "CustomerInfo"),
        other => panic!("unexpected {other:?}"),
    }
    match <ListResponse<CustomerInfo>>::CLASS.generic_args {
        [TypeInfo::Class(c)] => assert_eq!(c.namespace, "Voice.Api.Customers"),
        other => panic!("unexpected {other:?}"),
    }
    let data = CustomerInfo::CLASS
        .members
        .iter()
        .find(|m| m.name == "Data")
        .unwrap();
    match data.ty {
        TypeInfo::Dictionary(d) => {
            assert_eq!(d.name, "Struct");
            assert!(matches!(d.value_type(), TypeInfo::Class(c) if c.name == "Value"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(TagColors::ALL.len(), 11);
    assert_eq!(TagColors::GeekBlue.name(), "GeekBlue");
    assert_eq!(
        "geekblue".parse::<TagColors>().unwrap(),
        TagColors::GeekBlue
    );
    assert!("Teal".parse::<TagColors>().is_err());
}

/// `Dto`'s promise that decoders lean on (a nil member is left at its
/// default, not read): every nullable member of a default value is null.
#[test]
fn defaults_leave_every_nullable_member_null() {
    fn check<T: Dto>() {
        let class = T::CLASS;
        let non_nullable = class.json_order().filter(|m| !m.nullable).count();
        assert_eq!(T::default().present_count(), non_nullable, "{}", class.name);
    }
    check::<EntityInfo>();
    check::<CustomerInfo>();
    check::<CustomerBreadcrumb>();
    check::<NewCustomer>();
    check::<PatchCustomer>();
    check::<ListCustomers>();
    check::<ListRequest<CustomerInfo>>();
    check::<ListResponse<CustomerInfo>>();
    check::<AccountInfo>();
    check::<AppSettings>();
    check::<BillingSettings>();
    check::<BillingItem>();
    check::<Schedule>();
    check::<SchedulingRule>();
    check::<ScheduleDay>();
    check::<Tag>();
    check::<Value>();
    check::<IntegrationData>();
}
