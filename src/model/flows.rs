//! `Voice.Api.Flows.Data`: [`Struct`] and [`Value`], the recursive core
//! (a protobuf-`Struct`-like tree of data values).

use super::dictionary::{Dictionary, DictionaryValue};
use super::schema::{Describe, DictionaryInfo, TypeInfo};
use crate::dto;

/// An insertion-ordered map of string to [`Value`] (C# `Struct :
/// Dictionary<string, Value>`).
///
/// ```
/// use evovoice_codec::model::{Struct, Value};
///
/// let data = Struct::new()
///     .with("plan", "gold")
///     .with("seats", 12.0)
///     .with("trial", false)
///     .with("address", Struct::new().with("city", "Oslo"))
///     .with("contacts", vec![Some(Struct::new().with("name", "Ann")), None]);
/// assert_eq!(data.get("plan").and_then(Value::as_str), Some("gold"));
/// assert_eq!(data.get("seats").and_then(Value::as_f64), Some(12.0));
/// assert_eq!(data.keys().collect::<Vec<_>>(), ["plan", "seats", "trial", "address", "contacts"]);
/// ```
pub type Struct = Dictionary<Value>;

dto! {
    /// One data value. Each member is optional; normally exactly one is set.
    pub struct Value in "Voice.Api.Flows.Data" {
        /// A boolean.
        BoolValue / boolValue => pub bool_value: Option<bool>,
        /// A string.
        StringValue / stringValue => pub string_value: Option<String>,
        /// A number.
        NumberValue / numberValue => pub number_value: Option<f64>,
        /// A list of structs; an item may be null.
        ListValue / listValue => pub list_value: Option<Vec<Option<Struct>>>,
        /// A nested struct.
        StructValue / structValue => pub struct_value: Option<Struct>,
    }
}

static STRUCT_INFO: DictionaryInfo = DictionaryInfo {
    name: "Struct",
    namespace: "Voice.Api.Flows.Data",
    key: &TypeInfo::String,
    value: || <Value as Describe>::TYPE,
};

static STRUCT_TYPE: TypeInfo = TypeInfo::Dictionary(&STRUCT_INFO);

impl DictionaryValue for Value {
    const DICTIONARY: &'static TypeInfo = &STRUCT_TYPE;
}

impl Value {
    /// A boolean value.
    pub fn bool(v: bool) -> Value {
        Value {
            bool_value: Some(v),
            ..Value::default()
        }
    }
    /// A string value.
    pub fn string(v: impl Into<String>) -> Value {
        Value {
            string_value: Some(v.into()),
            ..Value::default()
        }
    }
    /// A number value.
    pub fn number(v: f64) -> Value {
        Value {
            number_value: Some(v),
            ..Value::default()
        }
    }
    /// A list value (items may be null).
    pub fn list(v: impl IntoIterator<Item = Option<Struct>>) -> Value {
        Value {
            list_value: Some(v.into_iter().collect()),
            ..Value::default()
        }
    }
    /// A nested struct value.
    pub fn structure(v: Struct) -> Value {
        Value {
            struct_value: Some(v),
            ..Value::default()
        }
    }
    /// The boolean, if set.
    pub fn as_bool(&self) -> Option<bool> {
        self.bool_value
    }
    /// The string, if set.
    pub fn as_str(&self) -> Option<&str> {
        self.string_value.as_deref()
    }
    /// The number, if set.
    pub fn as_f64(&self) -> Option<f64> {
        self.number_value
    }
    /// The list, if set.
    pub fn as_list(&self) -> Option<&[Option<Struct>]> {
        self.list_value.as_deref()
    }
    /// The nested struct, if set.
    pub fn as_struct(&self) -> Option<&Struct> {
        self.struct_value.as_ref()
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::bool(v)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::number(v)
    }
}
impl From<i32> for Value {
    fn from(v: i32) -> Value {
        Value::number(v.into())
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::string(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::string(v)
    }
}
impl From<Struct> for Value {
    fn from(v: Struct) -> Value {
        Value::structure(v)
    }
}
impl From<Vec<Option<Struct>>> for Value {
    fn from(v: Vec<Option<Struct>>) -> Value {
        Value::list(v)
    }
}
impl From<Vec<Struct>> for Value {
    fn from(v: Vec<Struct>) -> Value {
        Value::list(v.into_iter().map(Some))
    }
}
