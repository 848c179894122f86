//! Data contracts: what DataContractSerializer calls each type, in which
//! namespace, and in which order it writes a class's members, all derived
//! from the model's static description ([`TypeInfo`]).
//!
//! A contract is built once per type and kept for the life of the process
//! (types are a small, fixed set), so encoding and decoding never hash or
//! build names on the hot path.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use md5::{Digest, Md5};

use crate::model::{ClassInfo, MemberInfo, MemberOrder, TypeInfo};

/// Prefix of every data-contract namespace: the CLR namespace is appended.
pub const CONTRACT_NS_PREFIX: &str = "http://schemas.datacontract.org/2004/07/";
/// Namespace of collections of primitives and of dictionaries.
pub const ARRAYS_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
/// Namespace of the primitive types' contract names (`string`, `int`, ...).
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// Namespace of `i:nil` (and `i:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// Namespace of a primitive written as the root element.
pub const SERIALIZATION_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// The digest DataContractSerializer appends to a generic type's name
/// (`ListResponseOfCustomerInfo` + `znfKbIMc`): base64 of the first 6 bytes
/// of the MD5 of `input`, `=` dropped, `/` and `+` spelled `_S` and `_P`.
///
/// `input` is `" <argument count>"` for each generic nesting level followed by
/// `" <namespace>"` for each generic argument (FORMATS.md §5.6).
pub fn generic_digest(input: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let hash = Md5::digest(input.as_bytes());
    let mut out = String::with_capacity(10);
    // Six bytes are exactly eight base64 digits: no padding to drop.
    for chunk in hash[..6].chunks(3) {
        let n = u32::from(chunk[0]) << 16 | u32::from(chunk[1]) << 8 | u32::from(chunk[2]);
        for shift in [18, 12, 6, 0] {
            match ALPHABET[(n >> shift & 63) as usize] {
                b'/' => out.push_str("_S"),
                b'+' => out.push_str("_P"),
                c => out.push(char::from(c)),
            }
        }
    }
    out
}

/// The digest input for one generic type with `arguments` (their contract
/// namespaces), as [`generic_digest`] expects it.
fn digest_input<'a>(arguments: impl ExactSizeIterator<Item = &'a str>) -> String {
    let mut s = format!(" {}", arguments.len());
    for ns in arguments {
        s.push(' ');
        s.push_str(ns);
    }
    s
}

/// How a type is written.
#[derive(Debug)]
pub enum Kind {
    /// `bool`, `int`, `double`, `string`: text content.
    Primitive,
    /// An enum: its variant name as text.
    Enum,
    /// A class: one child element per member.
    Class(ClassContract),
    /// A list: one child element per item.
    List(ListContract),
    /// A dictionary: one `KeyValueOf…` child element per entry.
    Dictionary(DictionaryContract),
}

/// The data contract of one type.
#[derive(Debug)]
pub struct Contract {
    /// Contract name: the element name of a root value or a list item
    /// (`CustomerInfo`, `ArrayOfstring`, `ListResponseOfCustomerInfoznfKbIMc`).
    pub name: &'static str,
    /// Contract namespace URI.
    pub ns: &'static str,
    /// How values are written.
    pub kind: Kind,
}

/// A class's members as DataContractSerializer writes them.
#[derive(Debug)]
pub struct ClassContract {
    /// The model's description.
    pub class: &'static ClassInfo,
    /// Every member, indexed by its position in
    /// [`ClassInfo::json_order`] (the order the serde impls visit them).
    pub members: Box<[MemberContract]>,
    /// Member indices (as in `members`) in XML order: base class first,
    /// each class's own members by ordinal name.
    pub xml_order: Box<[usize]>,
    /// True when XML order and JSON order coincide.
    pub in_json_order: bool,
}

/// One member of a class contract.
#[derive(Debug)]
pub struct MemberContract {
    /// The element name (the C# property name).
    pub name: &'static str,
    /// The element's namespace: the declaring class's.
    pub ns: &'static str,
    /// A namespace declared on the element for the member's type
    /// (`xmlns:d2p1="…"`) when it differs from the declaring class's.
    pub declare: Option<&'static str>,
    /// The member's type.
    pub ty: &'static TypeInfo,
    /// The model's description.
    pub info: &'static MemberInfo,
}

/// A list contract.
#[derive(Debug)]
pub struct ListContract {
    /// The item type.
    pub item: &'static TypeInfo,
    /// The item element name (`string`, `int`, `Tag`, ...).
    pub item_name: &'static str,
    /// Namespace to declare on the list element for the items' type, if any.
    pub declare: Option<&'static str>,
}

/// A dictionary contract (a class deriving from `Dictionary<string, V>`).
#[derive(Debug)]
pub struct DictionaryContract {
    /// The entry element name (`KeyValueOfstringValue8Ahp2kgT`).
    pub entry_name: &'static str,
    /// The value type.
    pub value: &'static TypeInfo,
    /// Namespace declared on each `Value` element for the value's type.
    pub value_declare: Option<&'static str>,
}

impl Contract {
    /// The class contract, when the type is a class.
    pub fn as_class(&self) -> Option<&ClassContract> {
        match &self.kind {
            Kind::Class(c) => Some(c),
            _ => None,
        }
    }
}

/// Namespaces are interned so that scope lookups compare pointers, and
/// names are leaked once per type: both live as long as the contracts.
fn intern(s: &str) -> &'static str {
    static SET: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = SET
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&found) = set.get(s) {
        return found;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// The interned form of a namespace URI; pointer-equal to the namespaces of
/// every contract that uses the same URI.
pub fn namespace(uri: &str) -> &'static str {
    intern(uri)
}

fn clr_namespace(clr: &str) -> String {
    format!("{CONTRACT_NS_PREFIX}{clr}")
}

/// A class's contract namespace: its `[DataContract]`'s, else the one
/// DataContractSerializer derives from the CLR namespace.
fn class_namespace(c: &ClassInfo) -> String {
    match &c.data_contract {
        Some(contract) => contract.namespace.into(),
        None => clr_namespace(c.namespace),
    }
}

/// The namespaces of the primitives' contracts, whose generic uses get no
/// digest (`ArrayOfKeyValueOfstringstring`, not `…stringstring` plus eight
/// characters).
fn is_builtin_namespace(ns: &str) -> bool {
    ns == XSD_NS || ns == SERIALIZATION_NS
}

/// The contract name and namespace of a type (its "stable name").
pub fn stable_name(ty: &TypeInfo) -> (String, String) {
    match ty {
        TypeInfo::Bool => ("boolean".into(), XSD_NS.into()),
        TypeInfo::Int => ("int".into(), XSD_NS.into()),
        TypeInfo::Double => ("double".into(), XSD_NS.into()),
        TypeInfo::String => ("string".into(), XSD_NS.into()),
        TypeInfo::Enum(e) => (e.name.into(), clr_namespace(e.namespace)),
        TypeInfo::Class(c) => (class_name(c), class_namespace(c)),
        TypeInfo::List(item) => {
            let (name, ns) = stable_name(item);
            let ns = if ns == XSD_NS { ARRAYS_NS.into() } else { ns };
            (format!("ArrayOf{name}"), ns)
        }
        TypeInfo::Dictionary(d) => (
            format!("ArrayOf{}", entry_name(d.key, d.value_type())),
            ARRAYS_NS.into(),
        ),
    }
}

/// `Name`, or `NameOf<Args><digest>` for a generic class.
fn class_name(c: &ClassInfo) -> String {
    if c.generic_args.is_empty() {
        return c.name.into();
    }
    let args: Vec<(String, String)> = c.generic_args.iter().map(|a| stable_name(a)).collect();
    let mut name = format!("{}Of", c.name);
    for (arg, _) in &args {
        name.push_str(arg);
    }
    name.push_str(&digest_unless_builtin(
        args.iter().map(|(_, ns)| ns.as_str()),
    ));
    name
}

/// `KeyValueOf<K><V><digest>`: the entry of a `Dictionary<K, V>`.
fn entry_name(key: &TypeInfo, value: &TypeInfo) -> String {
    let (k, kns) = stable_name(key);
    let (v, vns) = stable_name(value);
    let digest = digest_unless_builtin([kns.as_str(), vns.as_str()].into_iter());
    format!("KeyValueOf{k}{v}{digest}")
}

/// The digest of a generic type's arguments (their namespaces), or nothing
/// when every one is a primitive's, as DataContractSerializer leaves it out
/// then.
fn digest_unless_builtin<'a>(namespaces: impl ExactSizeIterator<Item = &'a str> + Clone) -> String {
    if namespaces.clone().all(is_builtin_namespace) {
        return String::new();
    }
    generic_digest(&digest_input(namespaces))
}

/// The namespace DataContractSerializer declares on a member element of
/// type `child` inside a contract in namespace `declaring`: the child's
/// contract namespace when it differs (never for primitives and enums).
fn child_namespace(declaring: &str, child: &TypeInfo) -> Option<&'static str> {
    match child {
        TypeInfo::Bool
        | TypeInfo::Int
        | TypeInfo::Double
        | TypeInfo::String
        | TypeInfo::Enum(_) => None,
        _ => {
            let (_, ns) = stable_name(child);
            (ns != declaring).then(|| intern(&ns))
        }
    }
}

fn build(ty: &'static TypeInfo) -> Contract {
    let (name, ns) = stable_name(ty);
    let kind = match ty {
        TypeInfo::Bool | TypeInfo::Int | TypeInfo::Double | TypeInfo::String => Kind::Primitive,
        TypeInfo::Enum(_) => Kind::Enum,
        TypeInfo::Class(c) => Kind::Class(build_class(c)),
        TypeInfo::List(item) => Kind::List(ListContract {
            item,
            item_name: intern(&stable_name(item).0),
            declare: child_namespace(&ns, item),
        }),
        TypeInfo::Dictionary(d) => Kind::Dictionary(DictionaryContract {
            entry_name: intern(&entry_name(d.key, d.value_type())),
            value: d.value_type(),
            value_declare: child_namespace(ARRAYS_NS, d.value_type()),
        }),
    };
    Contract {
        name: intern(&name),
        ns: intern(&ns),
        kind,
    }
}

fn build_class(class: &'static ClassInfo) -> ClassContract {
    let json: Vec<&'static MemberInfo> = class.json_order().collect();
    let mut members: Vec<Option<MemberContract>> = json.iter().map(|_| None).collect();
    let mut xml_order = Vec::with_capacity(json.len());
    for declaring in class.lineage() {
        let ns = class_namespace(declaring);
        let mut own: Vec<&'static MemberInfo> = declaring.members.iter().collect();
        let declared = declaring
            .data_contract
            .as_ref()
            .is_some_and(|c| c.order == MemberOrder::Declared);
        if !declared {
            own.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
        }
        for info in own {
            let index = json
                .iter()
                .position(|m| std::ptr::eq(*m, info))
                .expect("a class's members are in its json_order");
            members[index] = Some(MemberContract {
                name: info.name,
                ns: intern(&ns),
                declare: child_namespace(&ns, info.ty),
                ty: info.ty,
                info,
            });
            xml_order.push(index);
        }
    }
    let in_json_order = xml_order.iter().enumerate().all(|(i, &j)| i == j);
    ClassContract {
        class,
        members: members
            .into_iter()
            .map(|m| m.expect("every member placed"))
            .collect(),
        xml_order: xml_order.into_boxed_slice(),
        in_json_order,
    }
}

/// The contract of `ty`, built on first use and cached for the process.
pub fn contract(ty: &'static TypeInfo) -> &'static Contract {
    type Cache = Mutex<HashMap<usize, &'static Contract>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = ty as *const TypeInfo as usize;
    let cache = CACHE.get_or_init(Default::default);
    if let Some(&c) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return c;
    }
    // Built outside the lock: building interns names, which takes its own.
    let built: &'static Contract = Box::leak(Box::new(build(ty)));
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_insert(built)
}

/// A per-call memo in front of [`contract`]: a handful of types per
/// document, so a short linear scan beats the shared lock.
#[derive(Default)]
pub struct Contracts {
    seen: Vec<(usize, &'static Contract)>,
    /// The last type asked for: runs of the same type are the rule (a
    /// list's items, a dictionary's values).
    last: Option<(usize, &'static Contract)>,
}

impl Contracts {
    /// The contract of `ty`.
    pub fn get(&mut self, ty: &'static TypeInfo) -> &'static Contract {
        let key = ty as *const TypeInfo as usize;
        if let Some((k, c)) = self.last {
            if k == key {
                return c;
            }
        }
        let c = match self.seen.iter().find(|(k, _)| *k == key) {
            Some(&(_, c)) => c,
            None => {
                let c = contract(ty);
                self.seen.push((key, c));
                c
            }
        };
        self.last = Some((key, c));
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AccountInfo, CustomerInfo, Describe, EntityIntegrationData, ListCustomers, ListResponse,
        Struct,
    };

    #[test]
    fn digests_match_datacontractserializer() {
        // The three names seen in the vectors (FORMATS.md §5.6).
        assert_eq!(
            generic_digest(" 1 http://schemas.datacontract.org/2004/07/Voice.Api.Customers"),
            "znfKbIMc"
        );
        assert_eq!(
            generic_digest(
                " 2 http://www.w3.org/2001/XMLSchema \
                 http://schemas.datacontract.org/2004/07/Voice.Api.Flows.Data"
            ),
            "8Ahp2kgT"
        );
        assert_eq!(
            generic_digest(
                " 2 http://www.w3.org/2001/XMLSchema \
                 http://schemas.datacontract.org/2004/07/Voice.Api.Integrations"
            ),
            "Y_SkqLnhh"
        );
    }

    #[test]
    fn names_and_namespaces() {
        let c = contract(<ListResponse<CustomerInfo>>::TYPE);
        assert_eq!(c.name, "ListResponseOfCustomerInfoznfKbIMc");
        assert_eq!(c.ns, "http://schemas.datacontract.org/2004/07/Voice.Api");
        let s = contract(Struct::TYPE);
        assert_eq!(s.name, "ArrayOfKeyValueOfstringValue8Ahp2kgT");
        assert_eq!(s.ns, ARRAYS_NS);
        let Kind::Dictionary(d) = &contract(EntityIntegrationData::TYPE).kind else {
            panic!("a dictionary")
        };
        assert_eq!(d.entry_name, "KeyValueOfstringIntegrationDataY_SkqLnhh");
        assert_eq!(contract(<Vec<String>>::TYPE).name, "ArrayOfstring");
        assert_eq!(contract(<Vec<String>>::TYPE).ns, ARRAYS_NS);
        assert_eq!(contract(<Vec<i32>>::TYPE).name, "ArrayOfint");
        // Interned: equal URIs are the same pointer.
        assert!(std::ptr::eq(s.ns, namespace(ARRAYS_NS)));
    }

    #[test]
    fn data_contracts_keep_their_namespace_and_member_order() {
        use crate::model::{Dictionary, ResponseStatus};
        let c = contract(ResponseStatus::TYPE);
        assert_eq!(c.ns, "http://schemas.servicestack.net/types");
        let class = c.as_class().unwrap();
        let names: Vec<_> = class
            .xml_order
            .iter()
            .map(|&i| class.members[i].name)
            .collect();
        assert_eq!(
            names,
            ["ErrorCode", "Message", "StackTrace", "Errors", "Meta"]
        );
        assert!(class.in_json_order);
        let by_name = |n: &str| class.members.iter().find(|m| m.name == n).unwrap();
        assert_eq!(by_name("Errors").declare, None);
        assert_eq!(by_name("Meta").declare, Some(ARRAYS_NS));
        // Both arguments are primitives: no digest.
        let map = contract(<Dictionary<String>>::TYPE);
        assert_eq!(map.name, "ArrayOfKeyValueOfstringstring");
        let Kind::Dictionary(d) = &map.kind else {
            panic!("a dictionary")
        };
        assert_eq!(d.entry_name, "KeyValueOfstringstring");
    }

    #[test]
    fn members_base_first_then_ordinal() {
        let c = contract(CustomerInfo::TYPE).as_class().unwrap();
        let names: Vec<_> = c.xml_order.iter().map(|&i| c.members[i].name).collect();
        assert_eq!(
            &names[..7],
            [
                "CreatedBy",
                "DateCreated",
                "DateLastModified",
                "Id",
                "LastModifiedBy",
                "AccountId",
                "AccountName"
            ]
        );
        let id = &c.members[c.xml_order[3]];
        assert_eq!(id.ns, "http://schemas.datacontract.org/2004/07/Voice.Api");
        let by_name = |n: &str| c.members.iter().find(|m| m.name == n).unwrap();
        assert_eq!(by_name("Breadcrumb").declare, None);
        assert_eq!(by_name("Data").declare, Some(ARRAYS_NS));
        assert_eq!(
            by_name("Tags").declare,
            Some("http://schemas.datacontract.org/2004/07/Voice.Api.Settings")
        );
        assert_eq!(by_name("IsStaging").declare, None);
        // Ordinal, not case-insensitive: `IsBYOA` sorts before `LogoId`,
        // `MaxPhoneNumbers` before `Name`.
        let a = contract(AccountInfo::TYPE).as_class().unwrap();
        let names: Vec<_> = a.xml_order.iter().map(|&i| a.members[i].name).collect();
        assert_eq!(names[5..8], ["AncestorIds", "BillingSettings", "IsBYOA"]);
        let l = contract(ListCustomers::TYPE).as_class().unwrap();
        let first = &l.members[l.xml_order[0]];
        assert_eq!((first.name, first.declare), ("All", None));
        assert!(!l.in_json_order);
    }
}
