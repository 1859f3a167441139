//! Where the briefing's meetings took place, on the globe: a town of the city data, or for a
//! meeting placed in a country, its capital.

use crate::extract::venues::VIRTUAL_PLACE;
use crate::gazetteer::{Gazetteer, NamedPlace};
use crate::model::Briefing;
use crate::settings::Lang;
use std::collections::BTreeMap;

/// A meeting place, named in the briefing's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    pub lon: f64,
    pub lat: f64,
}

/// The distinct places of the briefing's meetings that the gazetteer can locate, the most
/// populous first; video meetings, unknown places and meetings called off are left out.
pub fn meeting_places(briefing: &Briefing, lang: Lang) -> Vec<Place> {
    let g = Gazetteer::shipped();
    let mut found: BTreeMap<usize, Place> = BTreeMap::new();
    // A meeting called off took place nowhere.
    let took_place = |m: &&crate::model::Meeting| {
        use crate::model::MeetingStatus;
        !matches!(
            m.status,
            MeetingStatus::Cancelled | MeetingStatus::Postponed | MeetingStatus::Refused
        )
    };
    for written in briefing
        .meetings
        .iter()
        .filter(took_place)
        .filter_map(|m| m.place.as_deref())
    {
        if written == VIRTUAL_PLACE {
            continue;
        }
        let Some((index, name)) = city_of(g, written) else {
            continue;
        };
        let city = g.cities().city(index);
        found.entry(index).or_insert_with(|| Place {
            // French keeps the name as the articles write it ("Moscou"); English takes
            // GeoNames' name ("Moscow").
            name: match lang {
                Lang::Fr => name.to_string(),
                Lang::En => city.name.to_string(),
            },
            lon: f64::from(city.longitude),
            lat: f64::from(city.latitude),
        });
    }
    found.into_values().collect()
}

/// The city a place names, and its name as written: the place itself if it is a town of the
/// city data, a country's capital if it is a country.
fn city_of<'a>(g: &'a Gazetteer, place: &'a str) -> Option<(usize, &'a str)> {
    match g.place(place)? {
        NamedPlace::Country(country) => capital_city(g, country),
        NamedPlace::City(city) => Some((city, place)),
    }
}

/// A country's capital in the city data, and its name as the gazetteer writes it.
fn capital_city(g: &Gazetteer, country: usize) -> Option<(usize, &str)> {
    let capital = g.countries[country].capital.as_deref()?;
    let city = g.cities().by_name(capital)?;
    // A capital's name may also be a bigger town elsewhere: only the country's own.
    (g.cities().city(city).country == country).then_some((city, capital))
}

/// Where a country's capital lies (longitude, latitude), by the country's ISO3 code.
pub fn capital(iso3: &str) -> Option<(f64, f64)> {
    let g = Gazetteer::shipped();
    let country = g.countries.iter().position(|c| c.iso3 == iso3)?;
    let city = g.cities().city(capital_city(g, country)?.0);
    Some((f64::from(city.longitude), f64::from(city.latitude)))
}
