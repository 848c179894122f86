//! The declaration macros: one [`dto!`](crate::dto) or
//! [`dotnet_enum!`](crate::dotnet_enum) per .NET type is the single source of
//! its name, namespace, base class and members.

/// Declares a DTO class: the Rust struct, its static [`ClassInfo`]
/// (name, CLR namespace, base class, members with C# and camelCase names and
/// types) and its `Serialize`/`Deserialize` impls, which every format uses.
///
/// Each member is written `CSharpName / camelName => rust_name: Type`.
/// A base class is named after the class with `extends field: Base`; its
/// members follow the class's own on the wire, as ServiceStack writes them.
/// A class may take one type parameter, which must itself be a [`Dto`].
/// A class marked `[DataContract]` says so after its namespace, with its
/// contract namespace and, when its data members carry an `Order` that
/// follows the declaration, `order declared` (see [`DataContract`]):
/// `in "ServiceStack" contract "http://schemas.servicestack.net/types" order declared`.
/// A request DTO names its routes and response type after its members
/// (`at GET "/customers", POST|PUT "/customers/{id}" returns ListResponse<CustomerInfo>`),
/// which implements [`Operation`] for it.
///
/// Users can declare their own types the same way:
///
/// ```
/// use evovoice_codec::{dto, json};
///
/// dto! {
///     /// A phone number.
///     pub struct PhoneNumber in "Voice.Api.Numbers" {
///         /// The number in E.164 form.
///         Number / number => pub number: Option<String>,
///         /// Whether it can send SMS.
///         IsSmsCapable / isSmsCapable => pub is_sms_capable: bool,
///     }
/// }
///
/// let n = PhoneNumber { number: Some("+15550100".into()), is_sms_capable: true };
/// assert_eq!(json::to_string(&n)?, r#"{"number":"+15550100","isSmsCapable":true}"#);
/// let back: PhoneNumber = json::from_str(r#"{"Number":"+1","IsSmsCapable":"true"}"#)?;
/// assert!(back.is_sms_capable);
/// # Ok::<(), evovoice_codec::Error>(())
/// ```
///
/// [`ClassInfo`]: crate::model::ClassInfo
/// [`DataContract`]: crate::model::DataContract
/// [`Dto`]: crate::model::Dto
/// [`Operation`]: crate::model::Operation
#[macro_export]
macro_rules! dto {
    // A class without type parameters; a request DTO names its routes.
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident in $ns:literal
            $(contract $cns:literal $(order $order:ident)?)?
            $(extends $base_field:ident : $base:ty)?
        {
            $(
                $(#[$fmeta:meta])*
                $cs:ident / $json:ident => $fvis:vis $field:ident : $fty:ty,
            )*
        }
        $(at $( $($method:ident)|+ $path:literal ),+ returns $response:ty)?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq)]
        $vis struct $name {
            $( $(#[$fmeta])* $fvis $field: $fty, )*
            $(
                #[doc = concat!("The members inherited from `", stringify!($base), "`.")]
                pub $base_field: $base,
            )?
        }

        $crate::dto!(@impls static [] $name [] $ns [$($cns $($order)?)?] []
            [$($base_field : $base)?] $( [$cs $json $field $fty] )*);

        $(
            impl $crate::model::Operation for $name {
                type Response = $response;
                const NAME: &'static str = stringify!($name);
                const ROUTES: &'static [$crate::model::Route] = &[$(
                    $crate::model::Route {
                        path: $path,
                        methods: &[$( $crate::dto!(@method $method) ),+],
                    },
                )+];
                const METHOD: $crate::model::Method = Self::ROUTES[0].methods[0];
            }
        )?
    };

    (@method GET) => { $crate::model::Method::Get };
    (@method POST) => { $crate::model::Method::Post };
    (@method PUT) => { $crate::model::Method::Put };
    (@method PATCH) => { $crate::model::Method::Patch };
    (@method DELETE) => { $crate::model::Method::Delete };
    (@method HEAD) => { $crate::model::Method::Head };
    (@method OPTIONS) => { $crate::model::Method::Options };

    // A class with one type parameter `T: Dto`.
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident < $t:ident > in $ns:literal
            $(contract $cns:literal $(order $order:ident)?)?
            $(extends $base_field:ident : $base:ty)?
        {
            $(
                $(#[$fmeta:meta])*
                $cs:ident / $json:ident => $fvis:vis $field:ident : $fty:ty,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        $vis struct $name<$t> {
            $( $(#[$fmeta])* $fvis $field: $fty, )*
            $(
                #[doc = concat!("The members inherited from `", stringify!($base), "`.")]
                pub $base_field: $base,
            )?
            #[doc = concat!("Marks the type argument `", stringify!($t), "`; carries no data.")]
            pub type_argument: ::std::marker::PhantomData<fn() -> $t>,
        }

        impl<$t> ::std::default::Default for $name<$t> {
            fn default() -> Self {
                $name {
                    $( $field: ::std::default::Default::default(), )*
                    $( $base_field: ::std::default::Default::default(), )?
                    type_argument: ::std::marker::PhantomData,
                }
            }
        }

        $crate::dto!(@impls const [<$t: $crate::model::Dto>] $name [<$t>] $ns
            [$($cns $($order)?)?] [$t] [$($base_field : $base)?] $( [$cs $json $field $fty] )*);
    };

    (@impls $storage:ident [$($gen:tt)*] $name:ident [$($args:tt)*] $ns:literal
        [$($contract:tt)*] [$($targ:ident)?]
        [$($base_field:ident : $base:ty)?]
        $( [$cs:ident $json:ident $field:ident $fty:ty] )*
    ) => {
        impl $($gen)* $crate::model::Describe for $name $($args)* {
            const TYPE: &'static $crate::model::TypeInfo =
                &$crate::model::TypeInfo::Class(<Self as $crate::model::Dto>::CLASS);
            const PULLS: bool = true;
            fn pull<P: $crate::model::Pull>(p: &mut P, nil: bool) -> $crate::Result<Self> {
                $crate::model::pull::pull_dto(p, nil)
            }
        }

        impl $($gen)* $crate::model::Dto for $name $($args)* {
            const CLASS: &'static $crate::model::ClassInfo = $crate::dto!(@class $storage
                $crate::model::ClassInfo {
                    name: stringify!($name),
                    namespace: $ns,
                    base: $crate::dto!(@base $($base)?),
                    generic_args: &[$(<$targ as $crate::model::Describe>::TYPE)?],
                    members: &[$(
                        $crate::model::MemberInfo {
                            name: stringify!($cs),
                            json_name: stringify!($json),
                            ty: <$fty as $crate::model::Describe>::TYPE,
                            nullable: <$fty as $crate::model::Describe>::NULLABLE,
                        },
                    )*],
                    data_contract: $crate::dto!(@contract $($contract)*),
                });

            fn present_count(&self) -> usize {
                0 $( + $crate::model::Field::is_present(&self.$field) as usize )*
                  $( + self.$base_field.present_count() )?
            }

            fn serialize_members<S: $crate::__private::ser::SerializeStruct>(
                &self,
                st: &mut S,
            ) -> ::std::result::Result<(), S::Error> {
                $( $crate::model::field::write_member(st, stringify!($json), &self.$field)?; )*
                $( self.$base_field.serialize_members(st)?; )?
                Ok(())
            }

            #[allow(unused_assignments, unused_mut)]
            fn serialize_member<S: $crate::__private::ser::SerializeStruct>(
                &self,
                index: usize,
                st: &mut S,
            ) -> ::std::result::Result<(), S::Error> {
                let mut own = 0usize;
                $(
                    if index == own {
                        return $crate::model::field::write_member(
                            st, stringify!($json), &self.$field);
                    }
                    own += 1;
                )*
                $(
                    if index >= own {
                        return self.$base_field.serialize_member(index - own, st);
                    }
                )?
                Err($crate::model::field::no_member_to_write(
                    <Self as $crate::model::Dto>::CLASS, index))
            }

            #[allow(unused_assignments, unused_mut)]
            fn deserialize_member<'de, A: $crate::__private::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> ::std::result::Result<(), A::Error> {
                let mut own = 0usize;
                $(
                    if index == own {
                        return $crate::model::field::read_member(
                            map, stringify!($json), &mut self.$field);
                    }
                    own += 1;
                )*
                $(
                    if index >= own {
                        return self.$base_field.deserialize_member(index - own, map);
                    }
                )?
                Err($crate::model::field::no_such_member(
                    <Self as $crate::model::Dto>::CLASS, index))
            }

            #[allow(unused_assignments, unused_mut)]
            fn pull_member<P: $crate::model::Pull>(
                &mut self,
                index: usize,
                p: &mut P,
                nil: bool,
            ) -> $crate::Result<()> {
                let mut own = 0usize;
                $(
                    if index == own {
                        return $crate::model::pull::pull_member(
                            p, nil, stringify!($json), &mut self.$field);
                    }
                    own += 1;
                )*
                $(
                    if index >= own {
                        return self.$base_field.pull_member(index - own, p, nil);
                    }
                )?
                Err($crate::model::field::no_such_member(
                    <Self as $crate::model::Dto>::CLASS, index))
            }
        }

        impl $($gen)* $crate::model::Field for $name $($args)* {
            fn deserialize_field<'de, D: $crate::__private::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::model::field::deserialize_dto(d)
            }
            fn serialize_field<S: $crate::__private::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::model::field::serialize_dto(self, s)
            }
        }

        impl $($gen)* $crate::__private::Serialize for $name $($args)* {
            fn serialize<S: $crate::__private::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::model::field::serialize_dto(self, s)
            }
        }

        impl<'de, $($targ: $crate::model::Dto)?> $crate::__private::Deserialize<'de>
            for $name $($args)*
        {
            fn deserialize<D: $crate::__private::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::model::field::deserialize_dto(d)
            }
        }
    };

    // A non-generic class's description is a `static`, so that recursive
    // types (Value -> Struct -> Value) refer to each other by address instead
    // of forming a cycle of constants; a generic one must be a constant.
    (@class static $info:expr) => {{
        static INFO: $crate::model::ClassInfo = $info;
        &INFO
    }};
    (@class const $info:expr) => { &$info };
    (@contract) => { None };
    (@contract $cns:literal) => { $crate::dto!(@contract $cns ordinal) };
    (@contract $cns:literal ordinal) => {
        Some($crate::model::DataContract {
            namespace: $cns,
            order: $crate::model::MemberOrder::Ordinal,
        })
    };
    (@contract $cns:literal declared) => {
        Some($crate::model::DataContract {
            namespace: $cns,
            order: $crate::model::MemberOrder::Declared,
        })
    };
    (@base) => { None };
    (@base $base:ty) => { Some(<$base as $crate::model::Dto>::CLASS) };
}

/// Declares a .NET enum: a Rust enum whose first variant is the default, its
/// static [`EnumInfo`](crate::model::EnumInfo), `Display`/`FromStr` by name,
/// and serde impls that write the name and read a name in any case or the
/// numeric value.
#[macro_export]
macro_rules! dotnet_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $ns:literal {
            $(#[$first_meta:meta])* $first:ident,
            $( $(#[$vmeta:meta])* $variant:ident, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $(#[$first_meta])*
            #[default]
            $first,
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every variant in declaration order (index = numeric value).
            pub const ALL: &'static [$name] = &[$name::$first, $($name::$variant),*];

            /// The variant's C# name.
            pub fn name(self) -> &'static str {
                <Self as $crate::model::DotNetEnum>::name(self)
            }
        }

        impl $crate::model::DotNetEnum for $name {
            const ENUM: &'static $crate::model::EnumInfo = &$crate::model::EnumInfo {
                name: stringify!($name),
                namespace: $ns,
                variants: &[stringify!($first), $(stringify!($variant)),*],
            };
            fn from_index(index: usize) -> Option<Self> {
                Self::ALL.get(index).copied()
            }
            fn index(self) -> usize {
                self as usize
            }
        }

        impl $crate::model::Describe for $name {
            const TYPE: &'static $crate::model::TypeInfo =
                &$crate::model::TypeInfo::Enum(<Self as $crate::model::DotNetEnum>::ENUM);
            const PULLS: bool = true;
            fn pull<P: $crate::model::Pull>(p: &mut P, nil: bool) -> $crate::Result<Self> {
                $crate::model::pull::pull_enum(p, nil)
            }
            fn pull_some<P: $crate::model::Pull>(p: &mut P) -> $crate::Result<Option<Self>> {
                $crate::model::pull::pull_enum_some(p)
            }
            fn pull_item<P: $crate::model::Pull>(p: &mut P, nil: bool) -> $crate::Result<Self> {
                $crate::model::pull::pull_enum_item(p, nil)
            }
        }

        impl $crate::model::Field for $name {
            fn deserialize_field<'de, D: $crate::__private::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::model::field::deserialize_enum(d)
            }
            fn deserialize_some<'de, D: $crate::__private::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Option<Self>, D::Error> {
                $crate::model::field::deserialize_enum_some(d)
            }
            fn deserialize_item<'de, D: $crate::__private::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::model::field::deserialize_enum_item(d)
            }
            fn serialize_field<S: $crate::__private::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::model::field::serialize_enum(*self, s)
            }
        }

        impl $crate::__private::Serialize for $name {
            fn serialize<S: $crate::__private::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::model::field::serialize_enum(*self, s)
            }
        }

        impl<'de> $crate::__private::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::model::field::deserialize_enum(d)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> ::std::result::Result<Self, $crate::Error> {
                let info = <Self as $crate::model::DotNetEnum>::ENUM;
                info.find(s)
                    .and_then(<Self as $crate::model::DotNetEnum>::from_index)
                    .ok_or_else(|| $crate::Error::data(format!(
                        "unknown {} value {}: expected one of {}",
                        info.name, $crate::__private::excerpt(s), info.variants.join(", "))))
            }
        }
    };
}
