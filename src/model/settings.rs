//! `Voice.Api.Settings`: tags.

use crate::{dotnet_enum, dto};

dotnet_enum! {
    /// The color of a tag.
    pub enum TagColors in "Voice.Api.Settings" {
        /// Magenta.
        Magenta,
        /// Red.
        Red,
        /// Volcano.
        Volcano,
        /// Orange.
        Orange,
        /// Gold.
        Gold,
        /// Lime.
        Lime,
        /// Green.
        Green,
        /// Cyan.
        Cyan,
        /// Blue.
        Blue,
        /// Geek blue.
        GeekBlue,
        /// Purple.
        Purple,
    }
}

dto! {
    /// A tag on a customer.
    pub struct Tag in "Voice.Api.Settings" {
        /// The tag's ID.
        Id / id => pub id: Option<String>,
        /// The tag's name.
        Name / name => pub name: Option<String>,
        /// The tag's color.
        Color / color => pub color: TagColors,
    }
}
